package io.mirrormaestro.api.dashboard;

import static io.mirrormaestro.api.estate.MirrorHealth.oneIf;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mirrormaestro.api.activity.ActivityEntry;
import io.mirrormaestro.api.estate.EstateReads;
import io.mirrormaestro.api.estate.MirrorHealth;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The dashboard's numbers, each counted by MongoDB ($group over the mirrors, counts, bounded finds): nothing here
 * reads every mirror into the JVM. Only pairs and instances, of which there are few, are read whole.
 */
@Component
class Dashboard {

    static final int TOP_PAIRS = 5;
    static final int RECENT = 10;
    static final int FAILING = 10;
    static final Duration FRESH = Duration.ofHours(1);
    static final Duration SYNCING = Duration.ofMinutes(5);
    static final Duration RECENT_WINDOW = Duration.ofHours(24);

    private final MongoTemplate mongo;
    private final EstateReads reads;
    private final Clock clock;

    Dashboard(MongoTemplate mongo, EstateReads reads, Clock clock) {
        this.mongo = mongo;
        this.reads = reads;
        this.clock = clock;
    }

    record Metrics(
            Summary summary,
            EstateReads.Buckets health,
            Freshness statusFreshness,
            List<Activity> recentActivity,
            List<PairCount> mirrorsByPair,
            List<PairHealth> pairs,
            List<InstanceCounts> instances,
            long failingTotal,
            List<Failing> failingMirrors,
            String syncOutcomesSource,
            @JsonProperty("sync_outcomes_24h") List<HourOutcomes> syncOutcomes24h) {}

    record Summary(
            long totalMirrors, long totalPairs, long totalInstances, long enabledMirrors, double healthPercentage) {}

    record Freshness(
            long freshCount, long staleCount, Instant oldestUpdate, Instant newestUpdate, AutoRefresh autoRefresh) {}

    /** There is no background status refresh yet: statuses are read when a command or check runs. */
    record AutoRefresh(
            boolean enabled, Long intervalSeconds, Instant lastRun, Instant nextRun, boolean running, String note) {}

    record Activity(
            Long id,
            String project,
            String activityType,
            String icon,
            String timeAgo,
            String status,
            Instant timestamp,
            String entryId,
            String subjectId,
            String commandType,
            String message) {}

    record PairCount(long pairId, String pairName, long count) {}

    record PairHealth(
            long pairId,
            String pairName,
            String mirrorDirection,
            long sourceInstanceId,
            long targetInstanceId,
            long total,
            long enabled,
            long success,
            long failed,
            long pending,
            long unknown,
            double healthPercentage) {}

    record InstanceCounts(
            long id, String name, String url, long pairsOut, long pairsIn, long mirrorsOut, long mirrorsIn) {}

    record Failing(
            long id,
            Long instancePairId,
            String sourceProjectPath,
            String targetProjectPath,
            String mirrorDirection,
            String lifecycle,
            String lastUpdateStatus,
            String lastError,
            Instant lastUpdateAt,
            Instant lastSuccessfulUpdate) {}

    record HourOutcomes(Instant hour, long succeeded, long failed) {}

    record QuickStats(long syncingCount, long recentFailures, List<Long> syncingMirrorIds, Instant timestamp) {}

    Metrics metrics() {
        Instant now = clock.instant();
        Document totals = reads.aggregateOne(
                MirrorCollection.NAME,
                List.of(new Document(
                        "$group",
                        EstateReads.countsBy(null)
                                .append(
                                        "fresh",
                                        new Document(
                                                "$sum",
                                                oneIf(new Document(
                                                        "$gte",
                                                        List.of("$last_checked_at", Date.from(now.minus(FRESH)))))))
                                .append("oldest", new Document("$min", "$last_checked_at"))
                                .append("newest", new Document("$max", "$last_checked_at")))));
        EstateReads.Buckets health = EstateReads.Buckets.of(totals);
        long total = EstateReads.number(totals, "total");
        long fresh = EstateReads.number(totals, "fresh");
        List<PairRecord> allPairs = mongo.findAll(PairRecord.class);
        List<PairHealth> pairs = pairHealth(allPairs);
        return new Metrics(
                new Summary(
                        total,
                        allPairs.size(),
                        mongo.count(new Query(), InstanceRecord.class),
                        EstateReads.number(totals, "enabled"),
                        MirrorHealth.percentage(health.success(), total)),
                health,
                new Freshness(
                        fresh,
                        total - fresh,
                        EstateReads.instant(totals, "oldest"),
                        EstateReads.instant(totals, "newest"),
                        new AutoRefresh(
                                false,
                                null,
                                null,
                                null,
                                false,
                                "no background status refresh: statuses are read from GitLab when a command or"
                                        + " verify runs")),
                recentActivity(now),
                pairs.stream()
                        .sorted(Comparator.comparingLong(PairHealth::total)
                                .reversed()
                                .thenComparingLong(PairHealth::pairId))
                        .limit(TOP_PAIRS)
                        .map(p -> new PairCount(p.pairId(), p.pairName(), p.total()))
                        .toList(),
                pairs,
                instances(allPairs),
                mongo.count(Query.query(failing()), MirrorCollection.NAME),
                failingMirrors(),
                "activity_log",
                syncOutcomes(now));
    }

    QuickStats quickStats() {
        Instant now = clock.instant();
        Date recently = Date.from(now.minus(SYNCING));
        Query syncing = Query.query(new Criteria()
                .andOperator(
                        Criteria.where("last_update_status").in(MirrorHealth.PENDING),
                        new Criteria()
                                .orOperator(
                                        Criteria.where("updated_at").gte(recently),
                                        Criteria.where("last_update_started_at").gte(recently))));
        List<Long> ids = mongo.findDistinct(syncing, "_id", MirrorCollection.NAME, Long.class).stream()
                .sorted()
                .toList();
        Date dayAgo = Date.from(now.minus(RECENT_WINDOW));
        Query failures = Query.query(new Criteria()
                .orOperator(
                        Criteria.where("last_update_status")
                                .is("failed")
                                .and("last_update_at")
                                .gte(dayAgo),
                        Criteria.where("lifecycle")
                                .is("failed")
                                .and("updated_at")
                                .gte(dayAgo)));
        return new QuickStats(ids.size(), mongo.count(failures, MirrorCollection.NAME), ids, now);
    }

    private List<PairHealth> pairHealth(List<PairRecord> allPairs) {
        Map<Long, Document> byPair = new HashMap<>();
        reads.aggregate(
                        MirrorCollection.NAME,
                        List.of(new Document("$group", EstateReads.countsBy("$instance_pair_id"))))
                .forEach(d -> byPair.put(EstateReads.number(d, "_id"), d));
        return allPairs.stream()
                .sorted(Comparator.comparingLong(PairRecord::id))
                .map(p -> {
                    Document d = byPair.getOrDefault(p.id(), new Document());
                    EstateReads.Buckets b = EstateReads.Buckets.of(d);
                    long n = EstateReads.number(d, "total");
                    return new PairHealth(
                            p.id(),
                            p.name(),
                            p.mirrorDirection(),
                            p.sourceInstanceId(),
                            p.targetInstanceId(),
                            n,
                            EstateReads.number(d, "enabled"),
                            b.success(),
                            b.failed(),
                            b.pending(),
                            b.unknown(),
                            MirrorHealth.percentage(b.success(), n));
                })
                .toList();
    }

    private List<InstanceCounts> instances(List<PairRecord> allPairs) {
        Map<Long, Long> out = reads.countBy(MirrorCollection.NAME, "source_instance_id");
        Map<Long, Long> in = reads.countBy(MirrorCollection.NAME, "target_instance_id");
        return mongo.find(new Query().with(Sort.by("_id")), InstanceRecord.class).stream()
                .map(i -> new InstanceCounts(
                        i.id(),
                        i.name(),
                        i.url(),
                        allPairs.stream()
                                .filter(p -> p.sourceInstanceId() == i.id())
                                .count(),
                        allPairs.stream()
                                .filter(p -> p.targetInstanceId() == i.id())
                                .count(),
                        out.getOrDefault(i.id(), 0L),
                        in.getOrDefault(i.id(), 0L)))
                .toList();
    }

    /** As {@code GET /api/mirrors?status=failed}: creation failed here, or GitLab's last sync failed. */
    static Criteria failing() {
        return new Criteria()
                .orOperator(
                        Criteria.where("lifecycle").is("failed"),
                        Criteria.where("last_update_status").is("failed"));
    }

    private List<Failing> failingMirrors() {
        Query newestFirst = Query.query(failing())
                .with(Sort.by(Sort.Order.desc("last_update_at"), Sort.Order.desc("updated_at"), Sort.Order.asc("_id")))
                .limit(FAILING);
        return mongo.find(newestFirst, Document.class, MirrorCollection.NAME).stream()
                .map(d -> new Failing(
                        EstateReads.number(d, "_id"),
                        d.get("instance_pair_id") == null ? null : EstateReads.number(d, "instance_pair_id"),
                        d.getString("source_project_path"),
                        d.getString("target_project_path"),
                        d.getString("mirror_direction"),
                        d.getString("lifecycle"),
                        d.getString("last_update_status"),
                        d.getString("last_error"),
                        EstateReads.instant(d, "last_update_at"),
                        EstateReads.instant(d, "last_successful_update")))
                .toList();
    }

    private static final Pattern MIRROR_SUBJECT = Pattern.compile("^mirror:");

    private List<Activity> recentActivity(Instant now) {
        Query latest = Query.query(Criteria.where("subject_id")
                        .regex(MIRROR_SUBJECT)
                        .and("outcome")
                        .in("succeeded", "failed")
                        .and("occurred_at")
                        .gte(now.minus(RECENT_WINDOW)))
                .with(Sort.by(Sort.Order.desc("occurred_at"), Sort.Order.desc("_id")))
                .limit(RECENT);
        List<ActivityEntry> entries = mongo.find(latest, ActivityEntry.class);
        List<Long> ids = entries.stream().map(e -> mirrorId(e.subjectId())).toList();
        Map<Long, String> projects = new HashMap<>();
        Query named = Query.query(Criteria.where("_id").in(ids));
        named.fields().include("source_project_path");
        mongo.find(named, Document.class, MirrorCollection.NAME)
                .forEach(d -> projects.put(EstateReads.number(d, "_id"), d.getString("source_project_path")));
        List<Activity> activity = new ArrayList<>();
        for (ActivityEntry e : entries) {
            Long id = mirrorId(e.subjectId());
            String[] kind = kind(e);
            activity.add(new Activity(
                    id,
                    // a mirror deleted since: its subject still says which one
                    projects.getOrDefault(id, e.subjectId()),
                    kind[0],
                    kind[1],
                    timeAgo(Duration.between(e.occurredAt(), now)),
                    e.outcome(),
                    e.occurredAt(),
                    String.valueOf(e.id()),
                    e.subjectId(),
                    e.commandType(),
                    e.message()));
        }
        return activity;
    }

    private static Long mirrorId(String subjectId) {
        try {
            return Long.parseLong(subjectId.substring("mirror:".length()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The original's activity types and icons: created, synced, failed, updated. */
    private static String[] kind(ActivityEntry e) {
        if ("failed".equals(e.outcome())) {
            return new String[] {"failed", "✗"};
        }
        if ("CreateMirror".equals(e.commandType())) {
            return new String[] {"created", "✨"};
        }
        if ("SyncMirror".equals(e.commandType())) {
            return new String[] {"synced", "✓"};
        }
        return new String[] {"updated", "↻"};
    }

    static String timeAgo(Duration age) {
        long s = Math.max(0, age.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        return s < 86400 ? s / 3600 + "h" : s / 86400 + "d";
    }

    /** Outcomes of commands on mirrors, per hour of the last 24 (the current hour last), from the activity log. */
    private List<HourOutcomes> syncOutcomes(Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant start = end.minus(24, ChronoUnit.HOURS);
        List<Object> boundaries = new ArrayList<>();
        for (int h = 0; h <= 24; h++) {
            boundaries.add(Date.from(start.plus(h, ChronoUnit.HOURS)));
        }
        List<Document> rows = reads.aggregate(
                "activity",
                List.of(
                        new Document(
                                "$match",
                                new Document("subject_id", new Document("$regex", "^mirror:"))
                                        .append("outcome", new Document("$in", List.of("succeeded", "failed")))
                                        .append(
                                                "occurred_at",
                                                new Document("$gte", Date.from(start)).append("$lt", Date.from(end)))),
                        new Document(
                                "$bucket",
                                new Document("groupBy", "$occurred_at")
                                        .append("boundaries", boundaries)
                                        .append("default", "other")
                                        .append(
                                                "output",
                                                new Document(
                                                                "succeeded",
                                                                new Document(
                                                                        "$sum",
                                                                        oneIf(
                                                                                new Document(
                                                                                        "$eq",
                                                                                        List.of(
                                                                                                "$outcome",
                                                                                                "succeeded")))))
                                                        .append(
                                                                "failed",
                                                                new Document(
                                                                        "$sum",
                                                                        oneIf(
                                                                                new Document(
                                                                                        "$eq",
                                                                                        List.of(
                                                                                                "$outcome",
                                                                                                "failed")))))))));
        Map<Instant, Document> byHour = new HashMap<>();
        rows.forEach(d -> {
            if (d.get("_id") instanceof Date hour) {
                byHour.put(hour.toInstant(), d);
            }
        });
        List<HourOutcomes> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant hour = start.plus(h, ChronoUnit.HOURS);
            Document d = byHour.getOrDefault(hour, new Document());
            hours.add(new HourOutcomes(hour, EstateReads.number(d, "succeeded"), EstateReads.number(d, "failed")));
        }
        return hours;
    }
}
