package io.mirrormaestro.api.topology;

import io.mirrormaestro.api.estate.EstateCounts;
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
import java.util.Date;
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
    private final EstateCounts counts;
    private final Clock clock;

    Topology(MongoTemplate mongo, EstateCounts counts, Clock clock) {
        this.mongo = mongo;
        this.counts = counts;
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

        void add(EstateCounts.Row row) {
            mirrors += row.count();
            enabled += row.enabled() ? row.count() : 0;
            pairs.add(row.link().pairId());
            statusCounts.merge(MirrorHealth.statusKey(row.status()), row.count(), Long::sum);
        }

        void add(EstateCounts.LinkKey link, EstateCounts.Successes successes) {
            never += successes.never().getOrDefault(link, 0L);
            Instant success = successes.newest().get(link);
            if (success != null && (lastSuccess == null || success.isAfter(lastSuccess))) {
                lastSuccess = success;
            }
        }
    }

    Graph graph(Long pairId, StaleRules rules) {
        Instant now = clock.instant();
        Map<List<Object>, Tally> links = new LinkedHashMap<>();
        Map<Long, Tally> nodeTallies = new HashMap<>();
        Map<Long, long[]> flows = new HashMap<>(); // instance → {in, out}
        Set<EstateCounts.LinkKey> seen = new HashSet<>();
        EstateCounts.Successes successes = counts.successes(pairId);
        for (EstateCounts.Row row : counts.rows(pairId)) {
            EstateCounts.LinkKey key = row.link();
            long s = key.source();
            long t = key.target();
            List<Tally> touched = List.of(
                    links.computeIfAbsent(List.of(s, t, key.direction()), k -> new Tally()),
                    nodeTallies.computeIfAbsent(s, k -> new Tally()),
                    nodeTallies.computeIfAbsent(t, k -> new Tally()));
            touched.forEach(tally -> tally.add(row));
            if (seen.add(key)) {
                touched.forEach(tally -> tally.add(key, successes));
            }
            flows.computeIfAbsent(s, k -> new long[2])[1] += row.count();
            flows.computeIfAbsent(t, k -> new long[2])[0] += row.count();
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
        List<Document> page = new ArrayList<>();
        long skip = offset;
        long before = 0; // mirrors in the worse classes
        for (Rank rank : worstFirst(match, rules, now)) {
            if (page.size() >= limit) {
                break;
            }
            if (skip > 0) {
                // counted only to skip it (the first page needs no count), as this class and the worse ones less those
                long upTo = mongo.getCollection(MirrorCollection.NAME).countDocuments(rank.andWorse());
                long inRank = upTo - before;
                before = upTo;
                if (skip >= inRank) {
                    skip -= inRank;
                    continue;
                }
            }
            mongo.getCollection(MirrorCollection.NAME)
                    .find(rank.only())
                    .sort(new Document("last_successful_update", 1).append("_id", 1))
                    .skip((int) skip)
                    .limit(limit - page.size())
                    .into(page);
            skip = 0;
        }
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

    /**
     * The link's mirrors by health, worst first, as three filters: error (failed, or its success older than the error
     * threshold, or never succeeded when that counts as an error), then warning (syncing, older than the warning
     * threshold, never succeeded), then the rest. Each is a query the indexes answer exactly, so a page is counted
     * and walked in order of the oldest success without ranking every mirror of the link. A warning is also an error's
     * condition relaxed (every error mirror meets a warning condition), so a class's size is a difference of counts.
     */
    /** One health class: its mirrors alone, and its mirrors with those of the worse classes (no negation). */
    private record Rank(Document only, Document andWorse) {}

    private static List<Rank> worstFirst(Document match, StaleRules rules, Instant now) {
        List<Document> error = new ArrayList<>();
        List<Document> warning = new ArrayList<>();
        error.add(new Document("last_update_status", new Document("$in", MirrorHealth.FAILED)));
        List<String> notOk = new ArrayList<>(MirrorHealth.FAILED);
        notOk.addAll(MirrorHealth.PENDING);
        warning.add(new Document("last_update_status", new Document("$in", notOk)));
        if (rules.errorSeconds() > 0) {
            Document older = olderThan(now, rules.errorSeconds());
            error.add(older);
            warning.add(older);
        }
        if (rules.warningSeconds() > 0) {
            warning.add(olderThan(now, rules.warningSeconds()));
        }
        Document never = new Document("last_successful_update", null);
        if (MirrorHealth.rank(rules.neverSucceededLevel()) >= MirrorHealth.rank("error")) {
            error.add(never);
        }
        warning.add(never);
        return List.of(
                new Rank(all(match, new Document("$or", error)), all(match, new Document("$or", error))),
                new Rank(
                        all(match, new Document("$or", warning), new Document("$nor", error)),
                        all(match, new Document("$or", warning))),
                new Rank(all(match, new Document("$nor", warning)), match));
    }

    private static Document all(Document match, Document... conditions) {
        List<Document> clauses = new ArrayList<>();
        if (!match.isEmpty()) {
            clauses.add(match);
        }
        clauses.addAll(List.of(conditions));
        return new Document("$and", clauses);
    }

    private static Document olderThan(Instant now, long seconds) {
        return new Document("last_successful_update", new Document("$lte", Date.from(now.minusSeconds(seconds))));
    }

    private static String mirrorBaseHealth(String status) {
        return switch (MirrorHealth.bucket(status)) {
            case "failed" -> "error";
            case "pending" -> "warning";
            case "success" -> "ok";
            default -> "unknown";
        };
    }
}
