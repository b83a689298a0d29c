package io.mirrormaestro.api.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mirrormaestro.api.estate.EstateCounts;
import io.mirrormaestro.api.estate.EstateReads;
import io.mirrormaestro.api.estate.MirrorHealth;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final EstateCounts counts;
    private final ActivityDigest activity;
    private final Clock clock;

    Dashboard(MongoTemplate mongo, EstateReads reads, EstateCounts counts, ActivityDigest activity, Clock clock) {
        this.mongo = mongo;
        this.reads = reads;
        this.counts = counts;
        this.activity = activity;
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

    /**
     * The workers' background status refresh: on while it runs, the cadence of healthy mirrors, its last and next
     * sweep; {@code note} says what it covers and whether its budget does (see {@link RefreshReport}).
     */
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
        List<EstateCounts.Row> rows = counts.rows(null);
        EstateCounts.Totals totals = EstateCounts.totals(rows);
        long fresh = mongo.count(
                Query.query(Criteria.where("last_checked_at").gte(now.minus(FRESH))), MirrorCollection.NAME);
        Document checked = reads.aggregateOne(
                MirrorCollection.NAME,
                List.of(new Document(
                        "$group",
                        new Document("_id", null)
                                .append("oldest", new Document("$min", "$last_checked_at"))
                                .append("newest", new Document("$max", "$last_checked_at")))));
        List<PairRecord> allPairs = mongo.findAll(PairRecord.class);
        List<PairHealth> pairs = pairHealth(allPairs, rows);
        return new Metrics(
                new Summary(
                        totals.total(),
                        allPairs.size(),
                        mongo.count(new Query(), InstanceRecord.class),
                        totals.enabled(),
                        MirrorHealth.percentage(totals.buckets().success(), totals.total())),
                totals.buckets(),
                new Freshness(
                        fresh,
                        totals.total() - fresh,
                        EstateReads.instant(checked, "oldest"),
                        EstateReads.instant(checked, "newest"),
                        RefreshReport.of(mongo, now)),
                activity.recent(now),
                pairs.stream()
                        .sorted(Comparator.comparingLong(PairHealth::total)
                                .reversed()
                                .thenComparingLong(PairHealth::pairId))
                        .limit(TOP_PAIRS)
                        .map(p -> new PairCount(p.pairId(), p.pairName(), p.total()))
                        .toList(),
                pairs,
                instances(allPairs, rows),
                mongo.count(Query.query(failing()), MirrorCollection.NAME),
                failingMirrors(),
                "activity_log",
                activity.syncOutcomes(now));
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

    private static List<PairHealth> pairHealth(List<PairRecord> allPairs, List<EstateCounts.Row> rows) {
        Map<Long, List<EstateCounts.Row>> byPair = new HashMap<>();
        rows.forEach(r -> byPair.computeIfAbsent(r.link().pairId(), k -> new ArrayList<>())
                .add(r));
        return allPairs.stream()
                .sorted(Comparator.comparingLong(PairRecord::id))
                .map(p -> {
                    EstateCounts.Totals t = EstateCounts.totals(byPair.getOrDefault(p.id(), List.of()));
                    EstateReads.Buckets b = t.buckets();
                    return new PairHealth(
                            p.id(),
                            p.name(),
                            p.mirrorDirection(),
                            p.sourceInstanceId(),
                            p.targetInstanceId(),
                            t.total(),
                            t.enabled(),
                            b.success(),
                            b.failed(),
                            b.pending(),
                            b.unknown(),
                            MirrorHealth.percentage(b.success(), t.total()));
                })
                .toList();
    }

    private List<InstanceCounts> instances(List<PairRecord> allPairs, List<EstateCounts.Row> rows) {
        Map<Long, Long> out = new HashMap<>();
        Map<Long, Long> in = new HashMap<>();
        for (EstateCounts.Row r : rows) {
            out.merge(r.link().source(), r.count(), Long::sum);
            in.merge(r.link().target(), r.count(), Long::sum);
        }
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
}
