package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.mirror.MirrorCriteria;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * One action over a selection of mirrors, as a batch with the same progress and per-line results as an import. The
 * whole selection is processed and every line counted as what really happened: no cap, no skipped line reported as
 * a success.
 */
@Component
class BatchOperations {

    static final Set<String> ACTIONS = Set.of("sync", "resume", "enable", "disable", "delete", "verify", "repair");

    private final MongoTemplate mongo;
    private final Batches batches;

    BatchOperations(MongoTemplate mongo, Batches batches) {
        this.mongo = mongo;
        this.batches = batches;
    }

    /**
     * @param action sync, resume (a mirror GitLab paused), enable, disable, delete, verify or repair (verify and put
     *     drifted settings back)
     * @param all select every mirror; needed when no other selector is given, so nothing is hit by accident
     */
    record Selection(
            @NotBlank String action,
            @Positive Long instancePairId,
            @Size(max = 500) String groupPath,
            @Size(max = 50) String status,
            @Size(max = 100_000) List<@Positive Long> mirrorIds,
            Boolean all) {}

    /** @throws UnprocessableException for an unknown action, no selector, or a named mirror that does not exist */
    BatchRecord start(Selection s) {
        if (!ACTIONS.contains(s.action())) {
            throw new UnprocessableException("action", "must be one of " + new TreeSet<>(ACTIONS));
        }
        boolean selective = s.instancePairId() != null
                || (s.groupPath() != null && !s.groupPath().isBlank())
                || (s.status() != null && !s.status().isBlank())
                || s.mirrorIds() != null;
        if (!selective && !Boolean.TRUE.equals(s.all())) {
            throw new UnprocessableException(
                    "all", "give instance_pair_id, group_path, status or mirror_ids, or all=true for every mirror");
        }
        String batchId = Batches.newId();
        List<BatchItemRecord> items = new ArrayList<>();
        for (MirrorRecord m : mongo.find(selected(s), MirrorRecord.class)) {
            items.add(new BatchItemRecord(
                    BatchItemRecord.idOf(batchId, items.size() + 1),
                    batchId,
                    items.size() + 1,
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
        if (s.mirrorIds() != null && items.size() < s.mirrorIds().size()) {
            Set<Long> found =
                    new HashSet<>(items.stream().map(BatchItemRecord::mirrorId).toList());
            Long missing = s.mirrorIds().stream()
                    .filter(id -> !found.contains(id))
                    .findFirst()
                    .orElseThrow();
            throw new UnprocessableException("mirror_ids", "no mirror " + missing + " (or it is being deleted)");
        }
        return batches.create(s.action(), s.instancePairId() == null ? 0 : s.instancePairId(), items, batchId);
    }

    private static Query selected(Selection s) {
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(where("lifecycle").ne(MirrorRecord.DELETING));
        if (s.instancePairId() != null) {
            criteria.add(MirrorCriteria.inPair(s.instancePairId()));
        }
        if (s.groupPath() != null && !s.groupPath().isBlank()) {
            criteria.add(MirrorCriteria.underGroup(s.groupPath()));
        }
        if (s.status() != null && !s.status().isBlank()) {
            // fewer statuses than the mirror list knows: "failed" as there, else GitLab's update_status as given
            criteria.add(
                    s.status().equals("failed")
                            ? MirrorCriteria.failed()
                            : MirrorCriteria.lastUpdateStatus(s.status().trim()));
        }
        if (s.mirrorIds() != null) {
            criteria.add(where("_id").in(s.mirrorIds()));
        }
        return new Query(new Criteria().andOperator(criteria)).with(Sort.by("_id"));
    }
}
