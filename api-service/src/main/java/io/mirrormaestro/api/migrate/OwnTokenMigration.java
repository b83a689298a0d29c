package io.mirrormaestro.api.migrate;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.batch.Batches;
import io.mirrormaestro.api.mirror.OwnTokens;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The mirrors that still use a token of their own (moved over from the original), and the batch that moves them to
 * group tokens ({@link OwnTokens} builds each line's command). Never reads a token's value.
 */
@Component
class OwnTokenMigration {

    private static final int LISTED = 1_000;

    private final MongoTemplate mongo;
    private final Batches batches;

    OwnTokenMigration(MongoTemplate mongo, Batches batches) {
        this.mongo = mongo;
        this.batches = batches;
    }

    record OwnToken(
            long mirrorId,
            String sourceProjectPath,
            String targetProjectPath,
            String tokenName,
            LocalDate tokenExpiresAt) {}

    /** @param total how many mirrors have a token of their own; {@code mirrors} lists the first thousand */
    record Listing(long total, List<OwnToken> mirrors) {}

    Listing list() {
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
        return new Listing(total, listed);
    }

    /**
     * @param mirrorIds the mirrors to move; all that have a token of their own when null
     * @throws UnprocessableException naming {@code mirror_ids} when a named mirror has no token of its own, or none has
     */
    BatchRecord moveToGroupTokens(List<Long> mirrorIds) {
        Query owning = new Query().with(Sort.by("_id"));
        if (mirrorIds != null) {
            owning.addCriteria(where("_id").in(mirrorIds));
        }
        List<Long> ids = mongo.findDistinct(owning, "_id", MirrorTokenRecord.class, Long.class).stream()
                .sorted()
                .toList();
        if (mirrorIds != null && ids.size() < mirrorIds.size()) {
            Long missing = mirrorIds.stream()
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
        return batches.create(OwnTokens.ACTION, 0, items, batchId);
    }
}
