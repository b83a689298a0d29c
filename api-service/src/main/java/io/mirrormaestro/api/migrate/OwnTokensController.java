package io.mirrormaestro.api.migrate;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.batch.Batches;
import io.mirrormaestro.api.mirror.OwnTokens;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
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

    private static final int LISTED = 1_000;

    private final MongoTemplate mongo;
    private final Batches batches;

    OwnTokensController(MongoTemplate mongo, Batches batches) {
        this.mongo = mongo;
        this.batches = batches;
    }

    record OwnToken(
            long mirrorId,
            String sourceProjectPath,
            String targetProjectPath,
            String tokenName,
            LocalDate tokenExpiresAt) {}

    @GetMapping("/api/migrate/original/own-tokens")
    Map<String, Object> list() {
        long total = mongo.count(new Query(), MirrorTokenRecord.class);
        List<MirrorTokenRecord> tokens =
                mongo.find(new Query().with(Sort.by("_id")).limit(LISTED), MirrorTokenRecord.class);
        Map<Long, MirrorRecord> mirrors = new HashMap<>();
        mongo.find(
                        Query.query(where("_id")
                                .in(tokens.stream()
                                        .map(MirrorTokenRecord::mirrorId)
                                        .toList())),
                        MirrorRecord.class)
                .forEach(m -> mirrors.put(m.id(), m));
        List<OwnToken> listed = new ArrayList<>();
        for (MirrorTokenRecord t : tokens) {
            MirrorRecord m = mirrors.get(t.mirrorId());
            if (m != null) {
                listed.add(new OwnToken(
                        m.id(), m.sourceProjectPath(), m.targetProjectPath(), t.tokenName(), t.tokenExpiresAt()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("mirrors", listed);
        return body;
    }

    /** @param mirrorIds the mirrors to move; all that have a token of their own when absent */
    record Selection(@Size(max = 100_000) List<@Positive Long> mirrorIds) {}

    @PostMapping("/api/migrate/original/group-tokens")
    ResponseEntity<Map<String, Object>> moveToGroupTokens(@Valid @RequestBody(required = false) Selection selection) {
        Query owning = new Query().with(Sort.by("_id"));
        if (selection != null && selection.mirrorIds() != null) {
            owning.addCriteria(where("_id").in(selection.mirrorIds()));
        }
        List<Long> ids = mongo.findDistinct(owning, "_id", MirrorTokenRecord.class, Long.class).stream()
                .sorted()
                .toList();
        if (selection != null
                && selection.mirrorIds() != null
                && ids.size() < selection.mirrorIds().size()) {
            Long missing = selection.mirrorIds().stream()
                    .filter(id -> !ids.contains(id))
                    .findFirst()
                    .orElseThrow();
            throw new UnprocessableException("mirror_ids", "mirror " + missing + " has no token of its own");
        }
        if (ids.isEmpty()) {
            throw new UnprocessableException("mirror_ids", "no mirror uses a token of its own: nothing to move");
        }
        String batchId = Batches.newId();
        List<BatchItemRecord> items = new ArrayList<>();
        for (MirrorRecord m : mongo.find(
                Query.query(where("_id").in(ids).and("lifecycle").ne(MirrorRecord.DELETING))
                        .with(Sort.by("_id")),
                MirrorRecord.class)) {
            int line = items.size() + 1;
            items.add(new BatchItemRecord(
                    BatchItemRecord.idOf(batchId, line),
                    batchId,
                    line,
                    m.sourceProjectPath(),
                    m.targetProjectPath(),
                    null,
                    null,
                    m.enabled(),
                    "pending",
                    m.id(),
                    null,
                    null,
                    null));
        }
        BatchRecord batch = batches.create(OwnTokens.ACTION, 0, items, batchId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("batch_id", batch.id());
        body.put("total", batch.total());
        body.put("status_url", URI.create("/api/batches/" + batch.id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
