package io.mirrormaestro.api.effective;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For a project path (and optionally its counterpart), which token and which settings a new mirror in this pair
 * would get, and where each value comes from.
 */
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
