package io.mirrormaestro.api.estate;

import io.mirrormaestro.api.problem.UnprocessableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * When a mirror, link or instance counts as stale, from its newest {@code last_successful_update}: older than
 * {@code errorSeconds} is {@code error}, older than {@code warningSeconds} {@code warning}, else {@code ok}; none yet
 * (while mirrors exist) is {@code neverSucceededLevel}. A threshold of 0 is off; the error threshold is raised to the
 * warning threshold when it is smaller, as the original tool did.
 */
public record StaleRules(long warningSeconds, long errorSeconds, String neverSucceededLevel) {

    public static final long DEFAULT_WARNING_SECONDS = Duration.ofHours(24).toSeconds();
    public static final long DEFAULT_ERROR_SECONDS = Duration.ofDays(7).toSeconds();

    public StaleRules {
        errorSeconds = Math.max(errorSeconds, warningSeconds);
    }

    /** From the query parameters {@code stale_warning_seconds}, {@code stale_error_seconds}, {@code never_succeeded_level}. */
    public static StaleRules of(String warning, String error, String neverLevel) {
        Long w = QueryParameters.optionalLong("stale_warning_seconds", warning, 0);
        Long e = QueryParameters.optionalLong("stale_error_seconds", error, 0);
        String level = neverLevel == null || neverLevel.isBlank()
                ? "warning"
                : neverLevel.trim().toLowerCase(Locale.ROOT);
        if (!level.equals("warning") && !level.equals("error")) {
            throw new UnprocessableException("never_succeeded_level", "must be 'warning' or 'error'");
        }
        return new StaleRules(w == null ? DEFAULT_WARNING_SECONDS : w, e == null ? DEFAULT_ERROR_SECONDS : e, level);
    }

    /** A staleness level and the age it was judged from (null when nothing ever succeeded). */
    public record Staleness(String level, Long ageSeconds) {}

    /**
     * @param lastSuccess the newest success among the mirrors judged, or null
     * @param mirrors how many mirrors are judged
     * @param neverSucceeded how many of them never succeeded
     */
    public Staleness judge(Instant lastSuccess, long mirrors, long neverSucceeded, Instant now) {
        if (mirrors <= 0) {
            return new Staleness("unknown", null);
        }
        if (lastSuccess == null || neverSucceeded >= mirrors) {
            return new Staleness(neverSucceededLevel, null);
        }
        long age = Math.max(0, Duration.between(lastSuccess, now).toSeconds());
        if (errorSeconds > 0 && age >= errorSeconds) {
            return new Staleness("error", age);
        }
        if (warningSeconds > 0 && age >= warningSeconds) {
            return new Staleness("warning", age);
        }
        return new Staleness("ok", age);
    }

    /** A MongoDB expression: the rank (see {@link MirrorHealth#LEVELS}) of one mirror's staleness. */
    public Document rank(Instant now) {
        Object success = new Document("$ifNull", List.of("$last_successful_update", false));
        Object never = new Document("$eq", List.of(success, false));
        Object error = errorSeconds > 0
                ? new Document(
                        "$lte", List.of("$last_successful_update", java.util.Date.from(now.minusSeconds(errorSeconds))))
                : false;
        Object warning = warningSeconds > 0
                ? new Document(
                        "$lte",
                        List.of("$last_successful_update", java.util.Date.from(now.minusSeconds(warningSeconds))))
                : false;
        int neverRank = MirrorHealth.rank(neverSucceededLevel);
        return cond(never, neverRank, cond(error, 3, cond(warning, 2, 1)));
    }

    private static Document cond(Object condition, Object then, Object otherwise) {
        return new Document("$cond", List.of(condition, then, otherwise));
    }
}
