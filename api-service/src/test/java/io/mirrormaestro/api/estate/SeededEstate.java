package io.mirrormaestro.api.estate;

import io.mirrormaestro.api.activity.ActivityEntry;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An estate written straight into MongoDB, with every status, both directions, stale, never-succeeded and disabled
 * mirrors, on instances and pairs of its own so that other tests' data does not disturb its numbers.
 *
 * <p>Push pair A → B: ok (1 h), failed (2 h, GitLab's error), scheduled (30 min), finished 3 days ago, finished 10
 * days ago, and a disabled one that never succeeded. Pull pair (B pulls from A, so A → B): ok (1 h) and one that never
 * succeeded ({@code none}). Push pair B → A: one mirror that never succeeded. Instance C has nothing.
 */
final class SeededEstate {

    final String tag = "e" + UUID.randomUUID().toString().substring(0, 8);
    final Instant now = Instant.now();
    final InstanceRecord a;
    final InstanceRecord b;
    final InstanceRecord c;
    final PairRecord push;
    final PairRecord pull;
    final PairRecord back;
    final long ok;
    final long failed;
    final long scheduled;
    final long staleWarning;
    final long staleError;
    final long disabledNever;
    final long pullOk;
    final long pullNever;
    final long backNever;

    SeededEstate(MongoTemplate mongo) {
        a = instance(mongo, "a");
        b = instance(mongo, "b");
        c = instance(mongo, "c");
        push = pair(mongo, "push", a, b, "push");
        pull = pair(mongo, "pull", a, b, "pull");
        back = pair(mongo, "back", b, a, "push");
        long first = Sequences.reserve(mongo, "mirrors", 9);
        ok = mirror(mongo, first, push, "ok", "finished", ago(Duration.ofHours(1)), true, null, now);
        failed = mirror(
                mongo,
                first + 1,
                push,
                "failed",
                "failed",
                ago(Duration.ofHours(2)),
                true,
                "boom",
                // failed as it is seeded: newer than the failures other classes left in the shared database, so among
                // the dashboard's ten newest
                now);
        scheduled =
                mirror(mongo, first + 2, push, "scheduled", "scheduled", ago(Duration.ofMinutes(30)), true, null, now);
        staleWarning = mirror(mongo, first + 3, push, "warn", "finished", ago(Duration.ofDays(3)), true, null, now);
        staleError = mirror(mongo, first + 4, push, "err", "finished", ago(Duration.ofDays(10)), true, null, now);
        disabledNever = mirror(mongo, first + 5, push, "off", null, null, false, null, now);
        pullOk = mirror(mongo, first + 6, pull, "pull-ok", "finished", ago(Duration.ofHours(1)), true, null, now);
        pullNever = mirror(mongo, first + 7, pull, "pull-never", "none", null, true, null, now);
        backNever = mirror(mongo, first + 8, back, "back-never", null, null, true, null, now);
        activity(mongo, ok, "MirrorSyncRequested", "SyncMirror", "succeeded", null);
        activity(mongo, failed, "CommandFailed", "SyncMirror", "failed", "boom");
        activity(mongo, pullOk, "MirrorCreated", "ImportMirrorLine", "succeeded", null);
    }

    String path(String name) {
        return tag + "/core/" + name;
    }

    private Instant ago(Duration d) {
        return now.minus(d);
    }

    private InstanceRecord instance(MongoTemplate mongo, String name) {
        InstanceRecord i = new InstanceRecord(
                ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE),
                tag + "-" + name,
                "http://127.0.0.1:1/" + tag + "-" + name,
                "instance " + name + " of " + tag,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                now,
                now);
        mongo.insert(i);
        return i;
    }

    private PairRecord pair(MongoTemplate mongo, String name, InstanceRecord s, InstanceRecord t, String direction) {
        PairRecord p = new PairRecord(
                ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE),
                tag + "-" + name,
                null,
                s.id(),
                t.id(),
                direction,
                true,
                false,
                false,
                false,
                null,
                null,
                now,
                now);
        mongo.insert(p);
        return p;
    }

    private long mirror(
            MongoTemplate mongo,
            long id,
            PairRecord pair,
            String name,
            String status,
            Instant lastSuccess,
            boolean enabled,
            String error,
            Instant lastUpdate) {
        mongo.insert(new MirrorRecord(
                id,
                pair.id(),
                pair.sourceInstanceId(),
                pair.targetInstanceId(),
                id,
                path(name),
                id,
                path(name),
                pair.mirrorDirection(),
                MirrorRecord.Overrides.NONE,
                enabled,
                MirrorRecord.ACTIVE,
                id,
                null,
                null,
                status,
                status == null ? null : lastUpdate,
                null,
                lastSuccess,
                error,
                now,
                List.of(),
                false,
                false,
                now,
                now));
        return id;
    }

    private void activity(MongoTemplate mongo, long mirror, String type, String command, String outcome, String error) {
        UUID commandId = UUID.randomUUID();
        mongo.insert(new ActivityEntry(
                UUID.randomUUID(),
                commandId,
                commandId,
                type,
                command,
                "mirror:" + mirror,
                outcome,
                command + " " + outcome,
                null,
                now,
                1,
                error));
    }
}
