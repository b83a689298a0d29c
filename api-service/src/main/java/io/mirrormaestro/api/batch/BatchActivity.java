package io.mirrormaestro.api.batch;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.PairRecord;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Batches in the activity log: {@code BatchStarted} when one is created, {@code BatchFinished} with its counts when
 * it ends, both with subject {@code batch:<id>}, so pages listing batches learn of them from {@code /topic/activity}.
 */
@Component
class BatchActivity {

    private final ActivityLog activity;
    private final MongoTemplate mongo;

    BatchActivity(ActivityLog activity, MongoTemplate mongo) {
        this.activity = activity;
        this.mongo = mongo;
    }

    /** Called in the request that created the batch, so the entry names its user. */
    void started(BatchRecord batch) {
        activity.batchStarted(batch.id(), startedMessage(batch, pairName(batch)), batch.createdAt());
    }

    /** Called once, by whoever moved the batch to its end (a conditional update on {@code finished_at}). */
    void finished(BatchRecord batch) {
        activity.batchFinished(
                batch.id(), batch.failed() > 0, finishedMessage(batch, pairName(batch)), batch.finishedAt());
    }

    /** "Import of 200 lines into pair 'x' started", "sync of 34 mirrors started". */
    static String startedMessage(BatchRecord batch, String pairName) {
        return what(batch, pairName) + " started";
    }

    /** "Import of 200 lines into pair 'x' completed: 195 succeeded, 3 failed, 2 skipped" (and any cancelled). */
    static String finishedMessage(BatchRecord batch, String pairName) {
        String counts = batch.succeeded() + " succeeded, " + batch.failed() + " failed, " + batch.skipped() + " skipped"
                + (batch.cancelled() > 0 ? ", " + batch.cancelled() + " cancelled" : "");
        return what(batch, pairName) + " " + batch.status() + ": " + counts;
    }

    private static String what(BatchRecord batch, String pairName) {
        if (batch.kind().equals("import")) {
            return "Import of " + plural(batch.total(), "line") + " into " + pair(batch, pairName);
        }
        return batch.kind() + " of " + plural(batch.total(), "mirror")
                + (batch.instancePairId() == 0 ? "" : " of " + pair(batch, pairName));
    }

    private static String pair(BatchRecord batch, String name) {
        return name == null ? "pair " + batch.instancePairId() : "pair '" + name + "'";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The pair's name, or null when the batch spans pairs or its pair was deleted. */
    private String pairName(BatchRecord batch) {
        if (batch.instancePairId() == 0) {
            return null;
        }
        PairRecord pair = mongo.findById(batch.instancePairId(), PairRecord.class);
        return pair == null ? null : pair.name();
    }
}
