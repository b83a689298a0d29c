package io.mirrormaestro.worker.gitlab;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads how long GitLab wants a client to hold back: {@code Retry-After} (seconds, or an HTTP date) on 429 and
 * sometimes 503, and {@code RateLimit-Remaining: 0} with {@code RateLimit-Reset} (epoch seconds). Self-managed GitLab
 * sends the RateLimit-* headers with the 429 only (lib/gitlab/rack_attack.rb); GitLab.com's edge adds them to every
 * answer, which lets a client stop before the 429. Nothing here depends on them being on a 200.
 */
final class ThrottleHeaders {

    /** A broken or hostile header must not park an instance for days. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private ThrottleHeaders() {}

    /** For a failed call: when trying again makes sense, if GitLab said so. */
    static Optional<Duration> retryAfter(int status, Map<String, List<String>> headers, Instant now) {
        if (status == 429) {
            return throttledFor(status, headers, now);
        }
        return status >= 500 ? retryAfterHeader(headers, now) : Optional.empty();
    }

    /** For any answer: how long to send nothing more to this instance, when GitLab throttles us. */
    static Optional<Duration> throttledFor(int status, Map<String, List<String>> headers, Instant now) {
        if (status != 429 && !"0".equals(header(headers, "RateLimit-Remaining"))) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = retryAfterHeader(headers, now);
        return retryAfter.isPresent() ? retryAfter : untilReset(headers, now);
    }

    private static Optional<Duration> retryAfterHeader(Map<String, List<String>> headers, Instant now) {
        String value = header(headers, "Retry-After");
        if (value == null) {
            return Optional.empty();
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return Optional.of(clamp(Duration.ofSeconds(Long.parseLong(value))));
        }
        return httpDate(value).map(at -> clamp(Duration.between(now, at)));
    }

    /** Measured against GitLab's own Date header where there is one, so a skewed local clock does not matter. */
    private static Optional<Duration> untilReset(Map<String, List<String>> headers, Instant now) {
        String reset = header(headers, "RateLimit-Reset");
        if (reset == null || reset.isEmpty() || !reset.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        Instant serverNow = Optional.ofNullable(header(headers, "Date"))
                .flatMap(ThrottleHeaders::httpDate)
                .orElse(now);
        return Optional.of(clamp(Duration.between(serverNow, Instant.ofEpochSecond(Long.parseLong(reset)))));
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration clamp(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    /** HTTP header names are case-insensitive; gitlab4j hands over whatever map Jersey built. */
    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey())
                    && entry.getValue() != null
                    && !entry.getValue().isEmpty()) {
                String value = entry.getValue().get(0);
                return value == null ? null : value.trim();
            }
        }
        return null;
    }
}
