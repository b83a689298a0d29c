package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Decides which projects' mirrors are due for a status refresh and hands each to JobRunr as a {@link RefreshProject}
 * job, which any worker's job server runs. It runs as the recurring {@link RefreshSweep} every {@code tick}; JobRunr
 * runs a recurring job once at a time across all workers, and each project is enqueued once per sweep with an id of
 * its own, so no two workers refresh the same project for the same sweep.
 *
 * <p>A project's cadence is that of its most urgent mirror (active, failed, healthy, disabled: see
 * {@link RefreshSettings}). Whether it is due needs no stored schedule: the project has a fixed phase inside its
 * interval (from its ids), and is due when a multiple of the interval plus its phase fell since the last sweep. So
 * the estate spreads evenly over the interval, a refresh writes nothing to say it happened, and after a restart the
 * projects keep their places. The sweep itself writes one document ({@code refresh_state}): when it ran, what it
 * covered and the rate the estate needs, for the dashboard.
 */
@Component
class RefreshPlanner {

    static final String STATE_COLLECTION = "refresh_state";
    static final String STATE_ID = "sweep";

    private static final Logger log = LoggerFactory.getLogger(RefreshPlanner.class);
    private static final Set<String> SYNCING = Set.of("scheduled", "started", "to_retry");

    private final MongoTemplate mongo;
    private final JobRequestScheduler jobs;
    private final RefreshSettings settings;
    private final RefreshBudget budget;
    private final Clock clock;

    RefreshPlanner(
            MongoTemplate mongo,
            JobRequestScheduler jobs,
            RefreshSettings settings,
            RefreshBudget budget,
            Clock clock) {
        this.mongo = mongo;
        this.jobs = jobs;
        this.settings = settings;
        this.budget = budget;
        this.clock = clock;
    }

    /** Registers (or, when switched off, removes) the recurring sweep; every worker does, JobRunr keeps one. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        if (settings.enabled()) {
            jobs.scheduleRecurrently(RefreshSweep.RECURRING_ID, settings.tick(), new RefreshSweep());
        } else {
            jobs.deleteRecurringJob(RefreshSweep.RECURRING_ID);
        }
    }

    /** One sweep: enqueues the projects due since the last one. */
    void sweep() {
        Instant now = clock.instant();
        Document state = mongo.getCollection(STATE_COLLECTION)
                .find(new Document("_id", STATE_ID))
                .first();
        Instant previous = now.minus(settings.tick());
        if (state != null && state.get("last_run_at") instanceof Date last) {
            Instant lastRun = last.toInstant();
            // a long pause (every worker down) does not make the whole estate due at once
            if (lastRun.isBefore(now)
                    && lastRun.isAfter(now.minus(settings.tick().multipliedBy(4)))) {
                previous = lastRun;
            }
        }
        Map<RefreshHome, Duration> intervals = intervals(now);
        Map<Long, Double> perMinute = new HashMap<>();
        int due = 0;
        for (Map.Entry<RefreshHome, Duration> entry : intervals.entrySet()) {
            RefreshHome home = entry.getKey();
            long interval = Math.max(1, entry.getValue().toMillis());
            perMinute.merge(home.instanceId(), 60_000.0 / interval, Double::sum);
            if (dueBetween(home, interval, previous, now)) {
                RefreshProject job =
                        new RefreshProject(home.instanceId(), home.projectId(), home.push(), now.toEpochMilli());
                jobs.enqueue(job.jobId(), job);
                due++;
            }
        }
        log.debug("status refresh sweep: {} of {} projects due", due, intervals.size());
        recordState(now, intervals.size(), due, perMinute);
    }

    static boolean dueBetween(RefreshHome home, long intervalMillis, Instant after, Instant upTo) {
        long phase = home.phase(intervalMillis);
        long before = Math.floorDiv(after.toEpochMilli() + phase, intervalMillis);
        long now = Math.floorDiv(upTo.toEpochMilli() + phase, intervalMillis);
        return now > before;
    }

    /** Each project holding active mirrors with the cadence of its most urgent one, from one indexed read. */
    private Map<RefreshHome, Duration> intervals(Instant now) {
        Query active = Query.query(Criteria.where("lifecycle").is(MirrorRecord.ACTIVE));
        active.fields()
                .include(
                        "mirror_direction",
                        "source_instance_id",
                        "source_project_id",
                        "target_instance_id",
                        "target_project_id",
                        "enabled",
                        "last_update_status",
                        "last_update_at",
                        "last_error",
                        "stuck",
                        "orphaned");
        Map<RefreshHome, Duration> intervals = new HashMap<>();
        mongo.executeQuery(active, mongo.getCollectionName(MirrorRecord.class), doc -> {
            RefreshHome home = RefreshHome.of(
                    number(doc, "source_instance_id"),
                    number(doc, "source_project_id"),
                    number(doc, "target_instance_id"),
                    number(doc, "target_project_id"),
                    "push".equals(doc.getString("mirror_direction")));
            intervals.merge(home, interval(doc, now), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        });
        return intervals;
    }

    /** The cadence one mirror asks for. */
    Duration interval(Document mirror, Instant now) {
        if (!Boolean.TRUE.equals(mirror.getBoolean("enabled"))) {
            return settings.disabledInterval();
        }
        String status = mirror.getString("last_update_status");
        Date lastUpdate = mirror.getDate("last_update_at");
        // a mirror being created has no status yet (Set.of refuses to look a null up)
        if ((status != null && SYNCING.contains(status))
                || (lastUpdate != null && lastUpdate.toInstant().isAfter(now.minus(settings.recent())))) {
            return Boolean.TRUE.equals(mirror.getBoolean("stuck"))
                    ? settings.failedInterval()
                    : settings.activeInterval();
        }
        if ("failed".equals(status)
                || mirror.getString("last_error") != null
                || Boolean.TRUE.equals(mirror.getBoolean("stuck"))
                || Boolean.TRUE.equals(mirror.getBoolean("orphaned"))) {
            return settings.failedInterval();
        }
        return settings.healthyInterval();
    }

    private void recordState(Instant now, int projects, int due, Map<Long, Double> perMinute) {
        double needed = perMinute.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        mongo.upsert(
                Query.query(Criteria.where("_id").is(STATE_ID)),
                new Update()
                        .set("last_run_at", now)
                        .set("projects", projects)
                        .set("projects_due", due)
                        .set("tick_seconds", settings.tick().toSeconds())
                        .set(
                                "healthy_interval_seconds",
                                settings.healthyInterval().toSeconds())
                        .set("needed_per_minute_per_instance", Math.ceil(needed))
                        .set("budget_per_minute_per_instance", budget.perMinute()),
                STATE_COLLECTION);
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
