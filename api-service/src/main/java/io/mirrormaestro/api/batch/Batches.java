package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Batches and their lines. Every change of a line's status is one conditional update (from an expected status), and
 * only a change that happened moves the batch's counters, so counts stay exact when events repeat or runners race.
 * Each change is pushed to {@code /topic/batches/{id}} with an increasing {@code sequence}.
 */
@Component
public class Batches {

    public static final String TOPIC = "/topic/batches/";

    private final MongoTemplate mongo;
    private final SimpMessagingTemplate browsers;
    private final Clock clock;
    private final BatchActivity activity;

    Batches(MongoTemplate mongo, SimpMessagingTemplate browsers, Clock clock, BatchActivity activity) {
        this.mongo = mongo;
        this.browsers = browsers;
        this.clock = clock;
        this.activity = activity;
    }

    public BatchRecord create(String kind, long pairId, List<BatchItemRecord> items, String batchId) {
        Instant now = clock.instant();
        for (int i = 0; i < items.size(); i += 1000) {
            mongo.insert(items.subList(i, Math.min(items.size(), i + 1000)), BatchItemRecord.class);
        }
        BatchRecord batch = new BatchRecord(
                batchId, kind, pairId, "running", items.size(), items.size(), 0, 0, 0, 0, 0, 0, null, now, now, null);
        mongo.insert(batch);
        activity.started(batch);
        return batch;
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public BatchRecord get(String id) {
        return Lookups.require(mongo, BatchRecord.class, id, "batch");
    }

    /**
     * Applies counter changes (line statuses to how many lines left or joined them) at once and tells subscribers;
     * finishes the batch when nothing is left.
     */
    synchronized void count(String batchId, Map<String, Integer> changes) {
        // one at a time, so subscribers receive progress in sequence order
        Update update = new Update().inc("sequence", 1);
        Map<String, Integer> byCounter = new java.util.HashMap<>();
        changes.forEach((status, n) -> byCounter.merge(counter(status), n, Integer::sum));
        byCounter.forEach((counter, n) -> {
            if (n != 0) {
                update.inc(counter, n);
            }
        });
        BatchRecord batch = mongo.findAndModify(
                Query.query(where("_id").is(batchId)),
                update,
                FindAndModifyOptions.options().returnNew(true),
                BatchRecord.class);
        boolean finished = false;
        if (batch != null && batch.pending() == 0 && batch.inProgress() == 0 && batch.finishedAt() == null) {
            String end = batch.status().equals("running") ? "completed" : "cancelled";
            // only the one update that sets finished_at ends the batch, so its end is announced once
            batch = mongo.findAndModify(
                    Query.query(where("_id").is(batchId).and("finished_at").is(null)),
                    new Update()
                            .set("status", end)
                            .set("finished_at", clock.instant())
                            .inc("sequence", 1),
                    FindAndModifyOptions.options().returnNew(true),
                    BatchRecord.class);
            finished = batch != null;
        }
        if (batch != null) {
            browsers.convertAndSend(TOPIC + batchId, BatchView.of(batch));
        }
        if (finished) {
            activity.finished(batch);
        }
    }

    /**
     * Once no line of the batch is pending or in flight any more, sets its counters from its lines and finishes it.
     * Counters move by increments after the lines they count, so a runner that stops in between leaves them behind
     * the lines (never ahead: a batch cannot finish early); with every line final, nothing can move any more and
     * the lines are the truth.
     *
     * @return whether the batch was finished here
     */
    boolean reconcileIfQuiet(String batchId) {
        Query inFlight =
                Query.query(where("batch_id").is(batchId).and("status").in("pending", "creating", "in_progress"));
        inFlight.fields().include("_id");
        if (mongo.findOne(inFlight, Document.class, BatchItemRecord.COLLECTION) != null) {
            return false;
        }
        Map<String, Integer> counts = new java.util.HashMap<>();
        Query all = Query.query(where("batch_id").is(batchId));
        all.fields().include("status");
        mongo.find(all, Document.class, BatchItemRecord.COLLECTION)
                .forEach(line -> counts.merge(counter(line.getString("status")), 1, Integer::sum));
        BatchRecord current = mongo.findById(batchId, BatchRecord.class);
        if (current == null || current.finishedAt() != null) {
            return false;
        }
        Update update = new Update()
                .set("pending", 0)
                .set("in_progress", 0)
                .inc("sequence", 1)
                .set("status", current.status().equals("running") ? "completed" : "cancelled")
                .set("finished_at", clock.instant());
        for (String counter : List.of("succeeded", "failed", "skipped", "cancelled")) {
            update.set(counter, counts.getOrDefault(counter, 0));
        }
        BatchRecord finished = changeAndTell(
                Query.query(where("_id").is(batchId).and("finished_at").is(null)), update);
        if (finished == null) {
            return false;
        }
        activity.finished(finished); // only the one update that sets finished_at gets here
        return true;
    }

    /**
     * Pending lines will not be started; lines already handed to workers finish. The change to {@code cancelling}
     * is pushed to subscribers at once, with the next {@code sequence}; the runner then cancels the pending lines
     * and the batch ends {@code cancelled} once nothing is in flight.
     */
    public BatchRecord cancel(String id) {
        BatchRecord cancelling = changeAndTell(
                Query.query(where("_id").is(id).and("status").is("running")),
                new Update().set("status", "cancelling").inc("sequence", 1));
        return cancelling != null ? cancelling : get(id); // already cancelling or ended: unchanged (or 404)
    }

    /**
     * One conditional change of a batch that moves its {@code sequence}, and the push of its result; one at a time
     * with {@link #count}, so subscribers receive frames in sequence order.
     *
     * @return the changed batch, or null when the condition did not hold (nothing changed, nothing pushed)
     */
    private synchronized BatchRecord changeAndTell(Query condition, Update update) {
        BatchRecord changed = mongo.findAndModify(
                condition, update, FindAndModifyOptions.options().returnNew(true), BatchRecord.class);
        if (changed != null) {
            browsers.convertAndSend(TOPIC + changed.id(), BatchView.of(changed));
        }
        return changed;
    }

    static String counter(String status) {
        return switch (status) {
            case "pending" -> "pending";
            case "creating", "in_progress" -> "in_progress";
            default -> status; // succeeded, failed, skipped, cancelled
        };
    }
}
