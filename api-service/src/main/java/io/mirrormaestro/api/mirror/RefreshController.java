package io.mirrormaestro.api.mirror;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** "Refresh now" of a pair's, a group's or some mirrors (see {@link MirrorRefresh}); answers 202 with the command. */
@RestController
class RefreshController {

    private final MirrorRefresh refresh;

    RefreshController(MirrorRefresh refresh) {
        this.refresh = refresh;
    }

    @PostMapping("/api/mirrors/refresh")
    ResponseEntity<Map<String, Object>> refresh(@Valid @RequestBody MirrorRefresh.Selection s) {
        MirrorRefresh.Requested requested = refresh.request(s);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "refresh_requested");
        body.put("command_id", requested.commandId());
        body.put("mirrors", requested.mirrors());
        body.put("status_url", URI.create("/api/commands/" + requested.commandId()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
