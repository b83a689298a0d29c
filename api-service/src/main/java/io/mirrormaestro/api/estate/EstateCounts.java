package io.mirrormaestro.api.estate;

import io.mirrormaestro.common.store.MirrorCollection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The mirrors counted by what the estate views show them by: per source instance, target instance, direction, pair,
 * GitLab status and enabled flag, a few hundred rows whatever the number of mirrors. Each question is a plain
 * {@code $group} over fields that one index holds ({@link EstateIndexes}), so MongoDB can answer it from the index
 * and the embedded store answers it without reading a mirror. The dashboard, the topology and the health report all
 * sum these rows; none of them groups the mirrors its own way.
 */
@Component
public class EstateCounts {

    private final EstateReads reads;

    EstateCounts(EstateReads reads) {
        this.reads = reads;
    }

    /** A link of the topology within one pair: the flow from source to target instance in one direction. */
    public record LinkKey(long source, long target, String direction, Long pairId) {}

    /** How many mirrors of one link have one GitLab status ({@code null} when none yet) and enabled flag. */
    public record Row(LinkKey link, String status, boolean enabled, long count) {}

    /** Per link: the newest successful update among its mirrors, and how many never succeeded. */
    public record Successes(Map<LinkKey, Instant> newest, Map<LinkKey, Long> never) {}

    private static final Document LINK = new Document("s", "$source_instance_id")
            .append("t", "$target_instance_id")
            .append("d", "$mirror_direction")
            .append("p", "$instance_pair_id");

    /** Every mirror, or those of one pair, counted by link, status and enabled flag. */
    public List<Row> rows(Long pairId) {
        Document id = new Document(LINK).append("st", "$last_update_status").append("e", "$enabled");
        return reads
                .aggregate(
                        MirrorCollection.NAME,
                        pipeline(pairId, new Document(), new Document("_id", id).append("n", new Document("$sum", 1))))
                .stream()
                .map(d -> {
                    Document key = (Document) d.get("_id");
                    return new Row(
                            link(key),
                            key.get("st") instanceof String status ? status : null,
                            Boolean.TRUE.equals(key.get("e")),
                            EstateReads.number(d, "n"));
                })
                .toList();
    }

    /** Every link's (or one pair's links') newest success and never-succeeded count. */
    public Successes successes(Long pairId) {
        Map<LinkKey, Instant> newest = new HashMap<>();
        reads.aggregate(
                        MirrorCollection.NAME,
                        pipeline(
                                pairId,
                                new Document(),
                                new Document("_id", LINK)
                                        .append("last", new Document("$max", "$last_successful_update"))))
                .forEach(d -> {
                    Instant last = EstateReads.instant(d, "last");
                    if (last != null) {
                        newest.merge(link((Document) d.get("_id")), last, (a, b) -> a.isAfter(b) ? a : b);
                    }
                });
        Map<LinkKey, Long> never = new HashMap<>();
        reads.aggregate(
                        MirrorCollection.NAME,
                        pipeline(
                                pairId,
                                new Document("last_successful_update", null),
                                new Document("_id", LINK).append("n", new Document("$sum", 1))))
                .forEach(d -> never.merge(link((Document) d.get("_id")), EstateReads.number(d, "n"), Long::sum));
        return new Successes(newest, never);
    }

    /** The original tool's four status buckets, with the total and enabled counts, summed over rows. */
    public static Totals totals(List<Row> rows) {
        long total = 0;
        long enabled = 0;
        long success = 0;
        long failed = 0;
        long pending = 0;
        for (Row row : rows) {
            total += row.count();
            enabled += row.enabled() ? row.count() : 0;
            switch (MirrorHealth.bucket(row.status())) {
                case "success" -> success += row.count();
                case "failed" -> failed += row.count();
                case "pending" -> pending += row.count();
                default -> {}
            }
        }
        return new Totals(
                total, enabled, new EstateReads.Buckets(success, failed, pending, total - success - failed - pending));
    }

    /** Mirrors in all, enabled ones, and by status bucket. */
    public record Totals(long total, long enabled, EstateReads.Buckets buckets) {}

    private static List<Document> pipeline(Long pairId, Document match, Document group) {
        if (pairId != null) {
            match = new Document(match).append("instance_pair_id", pairId);
        }
        return match.isEmpty()
                ? List.of(new Document("$group", group))
                : List.of(new Document("$match", match), new Document("$group", group));
    }

    private static LinkKey link(Document key) {
        return new LinkKey(
                EstateReads.number(key, "s"),
                EstateReads.number(key, "t"),
                "push".equalsIgnoreCase(key.getString("d")) ? "push" : "pull",
                key.get("p") instanceof Number p ? p.longValue() : null);
    }
}
