package io.mirrormaestro.api.schedule;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.batch.Batches;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Runs the schedules that are due, on whichever api-service instance gets there first. A firing is claimed by one
 * conditional update that moves the entry's persisted {@code next_run_at} on from the value read (another instance,
 * or this one after a restart, then finds nothing due) and records the firing as {@code firing_at}; the firing then
 * becomes one sync batch whose id derives from the entry and that time, so finishing it twice (a claimer that stopped
 * half-way, taken over after {@link #LEASE}) still makes one batch. Runs missed while no instance ran are made up
 * once, not once each. A firing while the entry's previous batch is still running is skipped, so a schedule cannot
 * pile batches up. The batch's lines go out evenly over {@code MM_SCHEDULE_SPREAD}.
 */
@Component
class ScheduleFiring {

    static final String ACTOR = "schedule";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final int AT_ONCE = 100;
    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);

    private final MongoTemplate mongo;
    private final Schedules schedules;
    private final Batches batches;
    private final Clock clock;
    private final Duration spread;
    private volatile Instant lastPruned = Instant.EPOCH;

    ScheduleFiring(MongoTemplate mongo, Schedules schedules, Batches batches, Clock clock, ApiSettings settings) {
        this.mongo = mongo;
        this.schedules = schedules;
        this.batches = batches;
        this.clock = clock;
        this.spread = settings.scheduleSpread();
    }

    @Scheduled(fixedDelayString = "${mm.api.schedule-tick}", initialDelayString = "${mm.api.schedule-tick}")
    void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("could not run the sync schedules that are due ({}); trying again next tick", e.toString());
        }
    }

    /** Finishes firings whose claimer stopped, then claims and runs what is due; returns the firings this ran. */
    int runDue() {
        Instant now = clock.instant();
        pruneIfDue(now);
        int ran = 0;
        Query abandoned = Query.query(
                        where("firing_at").ne(null).and("firing_until").lt(now))
                .limit(AT_ONCE);
        for (ScheduleRecord r : mongo.find(abandoned, ScheduleRecord.class)) {
            ScheduleRecord mine = mongo.findAndModify(
                    Query.query(where("_id")
                            .is(r.id())
                            .and("firing_at")
                            .is(r.firingAt())
                            .and("firing_until")
                            .is(r.firingUntil())),
                    new Update().set("firing_until", now.plus(LEASE)),
                    FindAndModifyOptions.options().returnNew(true),
                    ScheduleRecord.class);
            if (mine != null) {
                finish(mine);
                ran++;
            }
        }
        Query due = Query.query(where("next_run_at")
                        .lte(now)
                        .and("cron")
                        .ne(null)
                        .and("firing_at")
                        .is(null))
                .with(Sort.by("next_run_at"))
                .limit(AT_ONCE);
        for (ScheduleRecord r : mongo.find(due, ScheduleRecord.class)) {
            Instant next = CronSchedule.of(r.cron(), r.timeZone()).next(now);
            ScheduleRecord claimed = mongo.findAndModify(
                    Query.query(where("_id")
                            .is(r.id())
                            .and("next_run_at")
                            .is(r.nextRunAt())
                            .and("firing_at")
                            .is(null)),
                    new Update()
                            .set("next_run_at", next)
                            .set("firing_at", r.nextRunAt())
                            .set("firing_until", now.plus(LEASE)),
                    FindAndModifyOptions.options().returnNew(true),
                    ScheduleRecord.class);
            if (claimed != null) {
                finish(claimed);
                ran++;
            }
        }
        return ran;
    }

    static String batchIdOf(String scheduleId, Instant firingAt) {
        return UUID.nameUUIDFromBytes(("schedule " + scheduleId + " " + firingAt).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Turns a claimed firing into its batch (once), records the outcome and releases the claim. */
    private void finish(ScheduleRecord r) {
        String batchId = batchIdOf(r.id(), r.firingAt());
        String started = null;
        String outcome;
        BatchRecord previous = r.lastBatchId() == null ? null : mongo.findById(r.lastBatchId(), BatchRecord.class);
        if (mongo.findById(batchId, BatchRecord.class) != null) {
            started = batchId;
            outcome = "sync started";
        } else if (r.none()) {
            outcome = "skipped: the schedule was switched off";
        } else if (previous != null && previous.finishedAt() == null) {
            outcome = "skipped: batch " + previous.id() + " of the previous run is still running";
        } else {
            List<BatchItemRecord> lines = lines(r, batchId);
            if (lines.isEmpty()) {
                outcome = "no mirrors to sync";
            } else {
                // lines of a claimer that stopped before recording the batch itself
                mongo.remove(Query.query(where("batch_id").is(batchId)), BatchItemRecord.class);
                try {
                    asSchedule(() -> batches.create("sync", r.instancePairId(), lines, batchId, spread));
                } catch (DuplicateKeyException finishedMeanwhile) {
                    log.info("schedule {}: batch {} was started by another instance", r.id(), batchId);
                }
                started = batchId;
                outcome = "sync of " + lines.size() + " mirror" + (lines.size() == 1 ? "" : "s") + " started";
            }
        }
        Update done = new Update()
                .set("last_run_at", clock.instant())
                .set("last_outcome", outcome)
                .unset("firing_at")
                .unset("firing_until");
        if (started != null) {
            done.set("last_batch_id", started);
        }
        mongo.updateFirst(
                Query.query(where("_id").is(r.id()).and("firing_at").is(r.firingAt())), done, ScheduleRecord.class);
        log.info("schedule {} ({}) due at {}: {}", r.id(), r.name(), r.firingAt(), outcome);
    }

    /** The enabled, active mirrors this entry governs, as batch lines. */
    private List<BatchItemRecord> lines(ScheduleRecord r, String batchId) {
        Map<String, ScheduleRecord> entries = schedules.ofPair(r.instancePairId());
        Criteria criteria = where("instance_pair_id")
                .is(r.instancePairId())
                .and("lifecycle")
                .is(MirrorRecord.ACTIVE)
                .and("enabled")
                .is(true);
        if (r.scope().equals(ScheduleRecord.MIRROR)) {
            criteria.and("_id").is(r.mirrorId());
        } else if (r.scope().equals(ScheduleRecord.GROUP)) {
            Pattern under = Pattern.compile("^" + Pattern.quote(r.groupPath()) + "/");
            criteria.orOperator(
                    where("source_project_path").regex(under),
                    where("target_project_path").regex(under));
        }
        Query query = new Query(criteria).with(Sort.by("_id"));
        query.fields().include("_id", "source_project_path", "target_project_path");
        List<BatchItemRecord> lines = new ArrayList<>();
        for (Document m : mongo.find(query, Document.class, MirrorCollection.NAME)) {
            long id = ((Number) m.get("_id")).longValue();
            String source = m.getString("source_project_path");
            String target = m.getString("target_project_path");
            ScheduleRecord governing = ScheduleResolution.forMirror(entries, r.instancePairId(), id, source, target);
            if (governing == null || !governing.id().equals(r.id())) {
                continue; // a more specific level has its own schedule, or none
            }
            int line = lines.size() + 1;
            lines.add(new BatchItemRecord(
                    BatchItemRecord.idOf(batchId, line),
                    batchId,
                    line,
                    source,
                    target,
                    null,
                    null,
                    true,
                    "pending",
                    id,
                    null,
                    null,
                    null));
        }
        return lines;
    }

    /** The batch is started by "schedule": the activity log names who started it from the security context. */
    private static void asSchedule(Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ACTOR, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Entries whose pair, group defaults or mirror was deleted are removed (at most once a minute). */
    private void pruneIfDue(Instant now) {
        if (Duration.between(lastPruned, now).compareTo(PRUNE_EVERY) < 0) {
            return;
        }
        lastPruned = now;
        List<ScheduleRecord> all = schedules.all(null);
        if (all.isEmpty()) {
            return;
        }
        Set<Long> pairs = new HashSet<>();
        mongo.find(new Query(), PairRecord.class).forEach(p -> pairs.add(p.id()));
        Set<String> groups = new HashSet<>();
        mongo.find(new Query(), GroupDefaultsRecord.class)
                .forEach(g -> groups.add(ScheduleRecord.groupKey(g.instancePairId(), g.groupPath())));
        List<Long> mirrorIds = all.stream()
                .filter(r -> r.mirrorId() != null)
                .map(ScheduleRecord::mirrorId)
                .toList();
        Set<Long> mirrors = new HashSet<>();
        Query existing = Query.query(where("_id").in(mirrorIds));
        existing.fields().include("_id");
        mongo.find(existing, Document.class, MirrorCollection.NAME)
                .forEach(m -> mirrors.add(((Number) m.get("_id")).longValue()));
        List<String> gone = all.stream()
                .filter(r -> switch (r.scope()) {
                    case ScheduleRecord.PAIR -> !pairs.contains(r.instancePairId());
                    case ScheduleRecord.GROUP -> !groups.contains(r.id());
                    case ScheduleRecord.MIRROR -> !mirrors.contains(r.mirrorId());
                    default -> false;
                })
                .map(ScheduleRecord::id)
                .toList();
        if (!gone.isEmpty()) {
            mongo.remove(Query.query(where("_id").in(gone)), ScheduleRecord.class);
            log.info("removed {} sync schedules whose pair, group defaults or mirror is gone", gone.size());
        }
    }
}
