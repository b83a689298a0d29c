package io.mirrormaestro.api.effective;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What a new mirror in a pair would get, and where each value comes from (see {@link EffectiveSettings}). */
@RestController
class EffectiveSettingsController {

    private final EffectiveSettings settings;

    EffectiveSettingsController(EffectiveSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/pairs/{id}/effective-settings")
    Map<String, Object> resolve(
            @PathVariable long id,
            @RequestParam("source_project_path") String sourcePath,
            @RequestParam(name = "target_project_path", required = false) String targetPath) {
        return settings.resolve(id, sourcePath, targetPath);
    }
}
