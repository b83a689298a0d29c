package io.mirrormaestro.api.estate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;

/**
 * The original tool's four status buckets of GitLab's {@code update_status} and its health levels. A status outside
 * the vocabulary (or none, or GitLab's {@code none}) is {@code unknown}.
 */
public final class MirrorHealth {

    public static final List<String> SUCCESS = List.of("finished", "success");
    public static final List<String> FAILED = List.of("failed");
    public static final List<String> PENDING =
            List.of("pending", "started", "syncing", "updating", "scheduled", "to_retry");

    /** Health levels, worst last: the rank is the index. */
    public static final List<String> LEVELS = List.of("unknown", "ok", "warning", "error");

    private MirrorHealth() {}

    /** {@code success}, {@code failed}, {@code pending} or {@code unknown}. */
    public static String bucket(String status) {
        String s = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        if (SUCCESS.contains(s)) {
            return "success";
        }
        if (FAILED.contains(s)) {
            return "failed";
        }
        return PENDING.contains(s) ? "pending" : "unknown";
    }

    /** The key a raw status is counted under in {@code status_counts}. */
    public static String statusKey(String status) {
        return status == null || status.isBlank() ? "unknown" : status.trim().toLowerCase(Locale.ROOT);
    }

    /** Any failed is error, else any pending warning, else any success ok, else unknown. */
    public static String fromStatusCounts(Map<String, Long> counts) {
        long failed = 0;
        long pending = 0;
        long success = 0;
        for (var e : counts.entrySet()) {
            switch (bucket(e.getKey())) {
                case "failed" -> failed += e.getValue();
                case "pending" -> pending += e.getValue();
                case "success" -> success += e.getValue();
                default -> {}
            }
        }
        return failed > 0 ? "error" : pending > 0 ? "warning" : success > 0 ? "ok" : "unknown";
    }

    public static int rank(String level) {
        return LEVELS.indexOf(level);
    }

    /** error over warning over ok over unknown. */
    public static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    /** {@code success ÷ total × 100}, one decimal, 100 without mirrors. */
    public static double percentage(long part, long total) {
        return total == 0 ? 100.0 : Math.round(part * 1000.0 / total) / 10.0;
    }

    /** A MongoDB expression: 1 when {@code last_update_status} is one of {@code statuses}, else 0 (for $sum). */
    public static Document oneIf(List<String> statuses) {
        return new Document("$cond", List.of(new Document("$in", List.of(status(), statuses)), 1, 0));
    }

    /** A MongoDB expression: 1 when the boolean expression holds, else 0. */
    public static Document oneIf(Object condition) {
        return new Document("$cond", List.of(condition, 1, 0));
    }

    /** {@code last_update_status} in lower case, {@code ""} when missing or null. */
    public static Document status() {
        return new Document("$toLower", new Document("$ifNull", List.of("$last_update_status", "")));
    }

    /** A MongoDB expression: the rank of a mirror's status-based health (0 unknown … 3 error). */
    public static Document baseRank() {
        return new Document(
                "$cond",
                List.of(
                        new Document("$in", List.of(status(), FAILED)),
                        3,
                        new Document(
                                "$cond",
                                List.of(
                                        new Document("$in", List.of(status(), PENDING)),
                                        2,
                                        new Document(
                                                "$cond",
                                                List.of(new Document("$in", List.of(status(), SUCCESS)), 1, 0))))));
    }
}
