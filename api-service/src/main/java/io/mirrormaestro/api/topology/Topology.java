package io.mirrormaestro.api.topology;

import io.mirrormaestro.api.estate.EstateReads;
import io.mirrormaestro.api.estate.MirrorHealth;
import io.mirrormaestro.api.estate.StaleRules;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The topology graph and a link's mirrors. MongoDB groups mirrors by (source instance, target instance, direction,
 * pair, status), a handful of rows whatever the number of mirrors; links and nodes are summed from those rows. A link
 * runs from the pair's source instance to its target for both directions: a push from A to B and a pull where B pulls
 * from A are both A → B.
 */
@Component
class Topology {

    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 50;

    private final MongoTemplate mongo;
    private final EstateReads reads;
    private final Clock clock;

    Topology(MongoTemplate mongo, EstateReads reads, Clock clock) {
        this.mongo = mongo;
        this.reads = reads;
        this.clock = clock;
    }

    record Graph(List<Node> nodes, List<Link> links) {}

    record Node(
            long id,
            String name,
            String url,
            String description,
            long mirrorsIn,
            long mirrorsOut,
            long pairsIn,
            long pairsOut,
            Map<String, Long> statusCounts,
            Instant lastSuccessfulUpdate,
            String health,
            String staleness,
            Long stalenessAgeSeconds,
            long neverSucceededCount) {}

    record Link(
            long source,
            long target,
            String mirrorDirection,
            long mirrorCount,
            long enabledCount,
            long disabledCount,
            long pairCount,
            Map<String, Long> statusCounts,
            Instant lastSuccessfulUpdate,
            String health,
            String staleness,
            Long stalenessAgeSeconds,
            long neverSucceededCount) {}

    record LinkFilter(Long source, Long target, String direction, Long pairId, boolean includeDisabled) {}

    record LinkMirrors(long total, int limit, long offset, List<LinkMirror> mirrors) {}

    record LinkMirror(
            long id,
            long instancePairId,
            String instancePairName,
            String sourceProjectPath,
            String targetProjectPath,
            String mirrorDirection,
            boolean enabled,
            String lastUpdateStatus,
            Instant lastSuccessfulUpdate,
            boolean neverSucceeded,
            String staleness,
            Long stalenessAgeSeconds,
            String health) {}

    /** Counts of mirrors summed into a node or a link. */
    private static final class Tally {
        long mirrors;
        long enabled;
        long never;
        Instant lastSuccess;
        final Set<Long> pairs = new HashSet<>();
        final Map<String, Long> statusCounts = new LinkedHashMap<>();

        void add(Document row) {
            long n = EstateReads.number(row, "n");
            Document key = (Document) row.get("_id");
            mirrors += n;
            enabled += EstateReads.number(row, "enabled");
            never += EstateReads.number(row, "never");
            pairs.add(((Number) key.get("p")).longValue());
            statusCounts.merge(MirrorHealth.statusKey(key.getString("st")), n, Long::sum);
            Instant success = EstateReads.instant(row, "last_success");
            if (success != null && (lastSuccess == null || success.isAfter(lastSuccess))) {
                lastSuccess = success;
            }
        }
    }

    Graph graph(Long pairId, StaleRules rules) {
        Instant now = clock.instant();
        List<Document> pipeline = new ArrayList<>();
        if (pairId != null) {
            pipeline.add(new Document("$match", new Document("instance_pair_id", pairId)));
        }
        pipeline.add(new Document(
                "$group",
                new Document(
                                "_id",
                                new Document("s", "$source_instance_id")
                                        .append("t", "$target_instance_id")
                                        .append("d", "$mirror_direction")
                                        .append("p", "$instance_pair_id")
                                        .append("st", MirrorHealth.status()))
                        .append("n", new Document("$sum", 1))
                        .append(
                                "enabled",
                                new Document(
                                        "$sum", MirrorHealth.oneIf(new Document("$eq", List.of("$enabled", true)))))
                        .append("never", new Document("$sum", MirrorHealth.oneIf(neverSucceeded())))
                        .append("last_success", new Document("$max", "$last_successful_update"))));
        Map<List<Object>, Tally> links = new LinkedHashMap<>();
        Map<Long, Tally> nodeTallies = new HashMap<>();
        Map<Long, long[]> flows = new HashMap<>(); // instance → {in, out}
        for (Document row : reads.aggregate(MirrorCollection.NAME, pipeline)) {
            Document key = (Document) row.get("_id");
            long s = ((Number) key.get("s")).longValue();
            long t = ((Number) key.get("t")).longValue();
            String d = direction(key.getString("d"));
            long n = EstateReads.number(row, "n");
            links.computeIfAbsent(List.of(s, t, d), k -> new Tally()).add(row);
            nodeTallies.computeIfAbsent(s, k -> new Tally()).add(row);
            nodeTallies.computeIfAbsent(t, k -> new Tally()).add(row);
            flows.computeIfAbsent(s, k -> new long[2])[1] += n;
            flows.computeIfAbsent(t, k -> new long[2])[0] += n;
        }
        Query pairQuery =
                pairId == null ? new Query() : Query.query(Criteria.where("_id").is(pairId));
        List<PairRecord> pairs = mongo.find(pairQuery, PairRecord.class);
        List<Node> nodes = mongo.findAll(InstanceRecord.class).stream()
                .map(i -> {
                    Tally tally = nodeTallies.getOrDefault(i.id(), new Tally());
                    long[] flow = flows.getOrDefault(i.id(), new long[2]);
                    StaleRules.Staleness stale = rules.judge(tally.lastSuccess, flow[0] + flow[1], tally.never, now);
                    return new Node(
                            i.id(),
                            i.name(),
                            i.url(),
                            i.description(),
                            flow[0],
                            flow[1],
                            pairs.stream()
                                    .filter(p -> p.targetInstanceId() == i.id())
                                    .count(),
                            pairs.stream()
                                    .filter(p -> p.sourceInstanceId() == i.id())
                                    .count(),
                            tally.statusCounts,
                            tally.lastSuccess,
                            MirrorHealth.worse(MirrorHealth.fromStatusCounts(tally.statusCounts), stale.level()),
                            stale.level(),
                            stale.ageSeconds(),
                            tally.never);
                })
                .sorted(Comparator.comparing((Node n) -> n.name().toLowerCase(Locale.ROOT))
                        .thenComparingLong(Node::id))
                .toList();
        List<Link> linkList = links.entrySet().stream()
                .map(e -> {
                    Tally tally = e.getValue();
                    StaleRules.Staleness stale = rules.judge(tally.lastSuccess, tally.mirrors, tally.never, now);
                    return new Link(
                            (Long) e.getKey().get(0),
                            (Long) e.getKey().get(1),
                            (String) e.getKey().get(2),
                            tally.mirrors,
                            tally.enabled,
                            tally.mirrors - tally.enabled,
                            tally.pairs.size(),
                            tally.statusCounts,
                            tally.lastSuccess,
                            MirrorHealth.worse(MirrorHealth.fromStatusCounts(tally.statusCounts), stale.level()),
                            stale.level(),
                            stale.ageSeconds(),
                            tally.never);
                })
                .sorted(Comparator.comparingLong(Link::source)
                        .thenComparingLong(Link::target)
                        .thenComparing(Link::mirrorDirection))
                .toList();
        return new Graph(nodes, linkList);
    }

    /** Worst first: error, then warning, then the oldest success (never succeeded before any), then by id. */
    LinkMirrors linkMirrors(LinkFilter filter, int limit, long offset, StaleRules rules) {
        Instant now = clock.instant();
        Document match = new Document();
        if (filter.source() != null) {
            match.append("source_instance_id", filter.source());
        }
        if (filter.target() != null) {
            match.append("target_instance_id", filter.target());
        }
        if (filter.direction() != null) {
            match.append("mirror_direction", filter.direction());
        }
        if (filter.pairId() != null) {
            match.append("instance_pair_id", filter.pairId());
        }
        if (!filter.includeDisabled()) {
            match.append("enabled", true);
        }
        long total = mongo.getCollection(MirrorCollection.NAME).countDocuments(match);
        List<Document> page = reads.aggregate(
                MirrorCollection.NAME,
                List.of(
                        new Document("$match", match),
                        new Document(
                                "$addFields",
                                new Document("_base", MirrorHealth.baseRank()).append("_stale", rules.rank(now))),
                        new Document(
                                "$addFields",
                                new Document(
                                        "_rank",
                                        new Document(
                                                "$cond",
                                                List.of(
                                                        new Document("$gt", List.of("$_base", "$_stale")),
                                                        "$_base",
                                                        "$_stale")))),
                        new Document(
                                "$sort",
                                new Document("_rank", -1)
                                        .append("last_successful_update", 1)
                                        .append("_id", 1)),
                        new Document("$skip", offset),
                        new Document("$limit", limit)));
        Map<Long, String> pairNames = new HashMap<>();
        Query named = Query.query(Criteria.where("_id")
                .in(page.stream()
                        .map(d -> EstateReads.number(d, "instance_pair_id"))
                        .distinct()
                        .toList()));
        mongo.find(named, PairRecord.class).forEach(p -> pairNames.put(p.id(), p.name()));
        List<LinkMirror> mirrors = page.stream()
                .map(d -> {
                    Instant success = EstateReads.instant(d, "last_successful_update");
                    StaleRules.Staleness stale = rules.judge(success, 1, success == null ? 1 : 0, now);
                    String status = d.getString("last_update_status");
                    long pair = EstateReads.number(d, "instance_pair_id");
                    return new LinkMirror(
                            EstateReads.number(d, "_id"),
                            pair,
                            pairNames.get(pair),
                            d.getString("source_project_path"),
                            d.getString("target_project_path"),
                            d.getString("mirror_direction"),
                            Boolean.TRUE.equals(d.getBoolean("enabled")),
                            status,
                            success,
                            success == null,
                            stale.level(),
                            stale.ageSeconds(),
                            MirrorHealth.worse(mirrorBaseHealth(status), stale.level()));
                })
                .toList();
        return new LinkMirrors(total, limit, offset, mirrors);
    }

    private static String mirrorBaseHealth(String status) {
        return switch (MirrorHealth.bucket(status)) {
            case "failed" -> "error";
            case "pending" -> "warning";
            case "success" -> "ok";
            default -> "unknown";
        };
    }

    private static Document neverSucceeded() {
        return new Document("$eq", List.of(new Document("$ifNull", List.of("$last_successful_update", false)), false));
    }

    private static String direction(String raw) {
        return "push".equalsIgnoreCase(raw) ? "push" : "pull";
    }
}
