package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.event.MirrorImportSkipped;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.CommandRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Turns the outcomes of batch lines' commands (create for imports, the operation for others) into the lines' final
 * statuses: from the outcome events of one poll at once, and, for outcomes whose events never arrived (api-service
 * was down when they were published), from the commands' own records. Each move is conditional on the line still
 * being in flight, so a repeated outcome moves nothing; the batch's counters are then counted from the lines (for
 * events, within a fraction of a second, once for all the outcomes of a burst).
 */
@Component
public class BatchProgress {

    private final MongoTemplate mongo;
    private final Batches batches;

    BatchProgress(MongoTemplate mongo, Batches batches) {
        this.mongo = mongo;
        this.batches = batches;
    }

    /**
     * @param line the batch line a command carried out
     * @param existingMirrorId for a skipped import line, the mirror that covers its projects
     */
    private record Finish(BatchLineRef line, long mirrorId, String status, String message, Long existingMirrorId) {

        String batchId() {
            return line.batchId();
        }
    }

    public void on(List<Event> events) {
        Map<String, Map<String, List<Finish>>> byBatchAndStatus = new LinkedHashMap<>();
        for (Event event : events) {
            Finish finish = finishOf(event);
            if (finish != null) {
                byBatchAndStatus
                        .computeIfAbsent(finish.batchId(), b -> new LinkedHashMap<>())
                        .computeIfAbsent(finish.status(), s -> new ArrayList<>())
                        .add(finish);
            }
        }
        byBatchAndStatus.forEach((batchId, byStatus) -> {
            int moved = 0;
            for (Map.Entry<String, List<Finish>> finishes : byStatus.entrySet()) {
                BulkOperations moves = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BatchItemRecord.class);
                for (Finish f : finishes.getValue()) {
                    Update settle =
                            new Update().set("status", finishes.getKey()).set("message", f.message());
                    if (f.existingMirrorId() != null) {
                        settle.set("existing_mirror_id", f.existingMirrorId());
                    }
                    moves.updateOne(
                            Query.query(where("_id")
                                    .is(f.line().itemId())
                                    .and("mirror_id")
                                    .is(f.mirrorId())
                                    .and("status")
                                    .in("creating", "in_progress")),
                            settle);
                }
                moved += moves.execute().getModifiedCount();
            }
            if (moved > 0) {
                batches.recountSoon(batchId);
            }
        });
    }

    /**
     * Settles the batch's lines in flight whose commands have ended, from the commands' records (status, result,
     * last error), as their events would have: a succeeded import line whose outcome was
     * {@code MirrorImportSkipped} is skipped. Up to {@code limit} lines are looked at; the counters are counted again when
     * any moved.
     *
     * @return how many lines moved
     */
    int settleFromCommands(String batchId, int limit) {
        Query inFlight = Query.query(where("batch_id").is(batchId).and("status").in("creating", "in_progress"))
                .limit(limit);
        inFlight.fields().include("_id").include("command_id").include("existing_mirror_id");
        Map<UUID, Document> lines = new HashMap<>();
        for (Document line : mongo.find(inFlight, Document.class, BatchItemRecord.COLLECTION)) {
            Object commandId = line.get("command_id");
            if (commandId != null) {
                lines.put(UUID.fromString(commandId.toString()), line);
            }
        }
        if (lines.isEmpty()) {
            return 0;
        }
        Query ended = Query.query(where("_id")
                .in(lines.keySet())
                .and("status")
                .in(CommandStatus.SUCCEEDED.name(), CommandStatus.FAILED.name()));
        ended.fields()
                .include("_id")
                .include("status")
                .include("result")
                .include("outcome")
                .include("last_error");
        BulkOperations moves = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BatchItemRecord.class);
        int candidates = 0;
        for (Document command : mongo.find(ended, Document.class, CommandRecord.COLLECTION)) {
            UUID commandId = command.get("_id", UUID.class);
            Document line = lines.get(commandId);
            String status;
            String message;
            if (CommandStatus.FAILED.name().equals(command.getString("status"))) {
                status = "failed";
                message = command.getString("last_error");
            } else {
                boolean skipped = line.get("existing_mirror_id") != null
                        || MirrorImportSkipped.class.getSimpleName().equals(command.getString("outcome"));
                status = skipped ? "skipped" : "succeeded";
                message = command.getString("result");
            }
            moves.updateOne(
                    Query.query(where("_id")
                            .is(line.get("_id"))
                            .and("command_id")
                            .is(commandId.toString())
                            .and("status")
                            .in("creating", "in_progress")),
                    new Update().set("status", status).set("message", message));
            candidates++;
        }
        int moved = candidates == 0 ? 0 : moves.execute().getModifiedCount();
        if (moved > 0) {
            batches.recount(batchId);
        }
        return moved;
    }

    private static Finish finishOf(Event event) {
        if (event instanceof MirrorImportSkipped skipped) {
            return new Finish(
                    skipped.batchLine(), skipped.mirrorId(), "skipped", skipped.detail(), skipped.existingMirrorId());
        }
        if (event instanceof MirrorChanged changed && changed.batchLine() != null) {
            return new Finish(changed.batchLine(), changed.mirrorId(), "succeeded", changed.detail(), null);
        }
        if (event instanceof CommandFailed failed && failed.batchLine() != null) {
            OptionalLong mirrorId = Subjects.mirrorOf(failed.subjectId());
            if (mirrorId.isPresent()) {
                return new Finish(failed.batchLine(), mirrorId.getAsLong(), "failed", failed.reason(), null);
            }
        }
        return null;
    }
}
