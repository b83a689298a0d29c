package io.mirrormaestro.api.migrate;

import io.mirrormaestro.api.batch.BatchAccepted;
import io.mirrormaestro.common.store.BatchRecord;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mirrors that still use a token of their own (moved over from the original), and the one batch action that
 * moves them to group tokens. Never answers a token's value.
 */
@RestController
class OwnTokensController {

    private final OwnTokenMigration migration;

    OwnTokensController(OwnTokenMigration migration) {
        this.migration = migration;
    }

    @GetMapping("/api/migrate/original/own-tokens")
    Map<String, Object> list() {
        OwnTokenMigration.Listing listing = migration.list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", listing.total());
        body.put("mirrors", listing.mirrors());
        return body;
    }

    /** @param mirrorIds the mirrors to move; all that have a token of their own when absent */
    record Selection(@Size(max = 100_000) List<@Positive Long> mirrorIds) {}

    @PostMapping("/api/migrate/original/group-tokens")
    ResponseEntity<BatchAccepted> moveToGroupTokens(@Valid @RequestBody(required = false) Selection selection) {
        BatchRecord batch = migration.moveToGroupTokens(selection == null ? null : selection.mirrorIds());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(BatchAccepted.of(batch));
    }
}
