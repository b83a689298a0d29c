package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.store.BatchItemRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Turns the outcomes of batch lines' commands (create for imports, the operation for others) into the lines' final
 * statuses, for all events of one poll at once: per batch and status one bulk of conditional moves, whose count of
 * lines really moved is what the counters change by, so a repeated event never counts twice.
 */
@Component
public class BatchProgress {

    private final MongoTemplate mongo;
    private final Batches batches;

    BatchProgress(MongoTemplate mongo, Batches batches) {
        this.mongo = mongo;
        this.batches = batches;
    }

    /** @param line the batch line a command carried out ({@code <batch>:<line>}) */
    private record Finish(String line, long mirrorId, String status, String message) {

        String batchId() {
            return line.substring(0, line.lastIndexOf(':'));
        }
    }

    public void on(List<Event> events) {
        Map<String, Map<String, List<Finish>>> byBatchAndStatus = new LinkedHashMap<>();
        for (Event event : events) {
            Finish finish = finishOf(event);
            if (finish != null) {
                byBatchAndStatus
                        .computeIfAbsent(finish.batchId(), b -> new LinkedHashMap<>())
                        .computeIfAbsent(finish.status(), s -> new java.util.ArrayList<>())
                        .add(finish);
            }
        }
        byBatchAndStatus.forEach((batchId, byStatus) -> {
            Map<String, Integer> counts = new HashMap<>();
            byStatus.forEach((status, finishes) -> {
                BulkOperations moves = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, BatchItemRecord.class);
                for (Finish f : finishes) {
                    moves.updateOne(
                            Query.query(where("_id")
                                    .is(f.line())
                                    .and("mirror_id")
                                    .is(f.mirrorId())
                                    .and("status")
                                    .in("creating", "in_progress")),
                            new Update().set("status", status).set("message", f.message()));
                }
                int moved = moves.execute().getModifiedCount();
                if (moved > 0) {
                    counts.merge("in_progress", -moved, Integer::sum);
                    counts.merge(status, moved, Integer::sum);
                }
            });
            if (!counts.isEmpty()) {
                batches.count(batchId, counts);
            }
        });
    }

    private static Finish finishOf(Event event) {
        if (event instanceof MirrorChanged changed && changed.batchId() != null) {
            String status = "skipped".equals(changed.change()) ? "skipped" : "succeeded";
            return new Finish(changed.batchId(), changed.mirrorId(), status, changed.detail());
        }
        if (event instanceof CommandFailed failed
                && failed.batchId() != null
                && failed.subjectId().startsWith("mirror:")) {
            long mirrorId = Long.parseLong(failed.subjectId().substring("mirror:".length()));
            return new Finish(failed.batchId(), mirrorId, "failed", failed.reason());
        }
        return null;
    }
}
