package io.mirrormaestro.api.mirror;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
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

    /** The command to follow, and how many active mirrors it refreshes. */
    record RefreshAccepted(String status, UUID commandId, long mirrors, URI statusUrl) {}

    @PostMapping("/api/mirrors/refresh")
    ResponseEntity<RefreshAccepted> refresh(@Valid @RequestBody MirrorRefresh.Selection s) {
        MirrorRefresh.Requested requested = refresh.request(s);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new RefreshAccepted(
                        "refresh_requested",
                        requested.commandId(),
                        requested.mirrors(),
                        URI.create("/api/commands/" + requested.commandId())));
    }
}
