package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Batches and their lines. Every change of a line's status is one conditional update (from an expected status); the
 * batch's counters are then counted from the lines ({@link #recount}), so they stay exact when events repeat, runners
 * race or a process stops half-way. Each change is pushed to {@code /topic/batches/{id}} with an increasing
 * {@code sequence}.
 */
@Component
public class Batches implements DisposableBean {

    public static final String TOPIC = "/topic/batches/";

    private final MongoTemplate mongo;
    private final SimpMessagingTemplate browsers;
    private final Clock clock;
    private final BatchActivity activity;

    /** How often batches whose lines moved are counted again: the outcomes of a burst are counted once. */
    private static final Duration RECOUNT_EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final Set<String> moved = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService recounter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mm-batch-recount");
        t.setDaemon(true);
        return t;
    });

    Batches(MongoTemplate mongo, SimpMessagingTemplate browsers, Clock clock, BatchActivity activity) {
        this.mongo = mongo;
        this.browsers = browsers;
        this.clock = clock;
        this.activity = activity;
        long every = RECOUNT_EVERY.toMillis();
        recounter.scheduleWithFixedDelay(this::recountMoved, every, every, TimeUnit.MILLISECONDS);
    }

    /** The batch's lines moved: it is counted again within {@link #RECOUNT_EVERY}, with whatever else moves by then. */
    void recountSoon(String batchId) {
        moved.add(batchId);
    }

    private void recountMoved() {
        for (String batchId : List.copyOf(moved)) {
            moved.remove(batchId);
            try {
                recount(batchId);
            } catch (RuntimeException e) {
                moved.add(batchId);
                log.warn("could not count the lines of batch {} ({}); trying again", batchId, e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        recounter.shutdownNow();
    }

    public BatchRecord create(String kind, long pairId, List<BatchItemRecord> items, String batchId) {
        return create(kind, pairId, items, batchId, null);
    }

    /**
     * @param spread when not null, the lines are handed out evenly over this time from now (see
     *     {@link BatchRecord#spreadUntil()}) instead of as fast as the window allows
     */
    public BatchRecord create(String kind, long pairId, List<BatchItemRecord> items, String batchId, Duration spread) {
        Instant now = clock.instant();
        for (int i = 0; i < items.size(); i += 1000) {
            mongo.insert(items.subList(i, Math.min(items.size(), i + 1000)), BatchItemRecord.class);
        }
        Instant spreadUntil = spread == null || spread.isZero() || spread.isNegative() ? null : now.plus(spread);
        BatchRecord batch = new BatchRecord(
                batchId,
                kind,
                pairId,
                "running",
                items.size(),
                items.size(),
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                now,
                now,
                null,
                spreadUntil);
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
     * Sets the batch's counters from its lines and finishes it once no line is pending or in flight; tells
     * subscribers when anything changed. The counters are never moved by increments: a repeated event, a chunk
     * issued again after a crash, or a runner that stopped between moving lines and counting them cannot make them
     * drift, go negative or finish a batch early, since they are counted from the lines themselves (one group by
     * status, which the {@code (batch_id, status)} index answers without reading lines). Lines only move forward: a
     * batch whose count shows none in flight is confirmed by one more look for such a line, and then none ever will be
     * again. While lines move, a count that sees a line twice (in progress, then succeeded) is taken out of the
     * in-progress count, so the counters never add up to more than the batch's total.
     *
     * @return the batch as it is now, or null when it does not exist
     */
    synchronized BatchRecord recount(String batchId) {
        // one at a time, so subscribers receive progress in sequence order
        BatchRecord current = mongo.findById(batchId, BatchRecord.class);
        if (current == null || current.finishedAt() != null) {
            return current;
        }
        Map<String, Integer> counts = countLines(batchId);
        int settled = counts.get("succeeded") + counts.get("failed") + counts.get("skipped") + counts.get("cancelled");
        int seenTwice = Math.max(0, counts.get("pending") + counts.get("in_progress") + settled - current.total());
        counts.put("in_progress", Math.max(0, counts.get("in_progress") - seenTwice));
        boolean quiet =
                counts.get("pending") == 0 && counts.get("in_progress") == 0 && seenTwice == 0 && !anyInFlight(batchId);
        if (!quiet && sameCounts(current, counts)) {
            return current;
        }
        Update update = new Update().inc("sequence", 1);
        counts.forEach(update::set);
        if (quiet) {
            update.set("status", current.status().equals("running") ? "completed" : "cancelled")
                    .set("finished_at", clock.instant());
        }
        // only the one update that sets finished_at ends the batch, so its end is announced once; a cancel that came
        // in meanwhile changed the status: counted again
        BatchRecord changed = mongo.findAndModify(
                Query.query(where("_id")
                        .is(batchId)
                        .and("finished_at")
                        .is(null)
                        .and("status")
                        .is(current.status())),
                update,
                FindAndModifyOptions.options().returnNew(true),
                BatchRecord.class);
        if (changed == null) {
            BatchRecord now = mongo.findById(batchId, BatchRecord.class);
            return now == null || now.finishedAt() != null ? now : recount(batchId);
        }
        browsers.convertAndSend(TOPIC + batchId, BatchView.of(changed));
        if (quiet) {
            activity.finished(changed);
        }
        return changed;
    }

    private static final List<String> COUNTERS =
            List.of("pending", "in_progress", "succeeded", "failed", "skipped", "cancelled");

    private Map<String, Integer> countLines(String batchId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        COUNTERS.forEach(counter -> counts.put(counter, 0));
        Aggregation byStatus = Aggregation.newAggregation(
                Aggregation.match(where("batch_id").is(batchId)),
                Aggregation.group("status").count().as("n"));
        for (Document row : mongo.aggregate(byStatus, BatchItemRecord.COLLECTION, Document.class)) {
            String status = row.getString("_id");
            String counter = status.equals("creating") ? "in_progress" : status;
            counts.merge(counter, ((Number) row.get("n")).intValue(), Integer::sum);
        }
        return counts;
    }

    private boolean anyInFlight(String batchId) {
        Query inFlight =
                Query.query(where("batch_id").is(batchId).and("status").in("pending", "creating", "in_progress"));
        inFlight.fields().include("_id");
        return mongo.findOne(inFlight, Document.class, BatchItemRecord.COLLECTION) != null;
    }

    private static boolean sameCounts(BatchRecord batch, Map<String, Integer> counts) {
        return batch.pending() == counts.get("pending")
                && batch.inProgress() == counts.get("in_progress")
                && batch.succeeded() == counts.get("succeeded")
                && batch.failed() == counts.get("failed")
                && batch.skipped() == counts.get("skipped")
                && batch.cancelled() == counts.get("cancelled");
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
}
