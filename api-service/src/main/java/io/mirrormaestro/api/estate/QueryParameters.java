package io.mirrormaestro.api.estate;

import io.mirrormaestro.api.problem.UnprocessableException;

/**
 * Query parameters of the read views, taken as text and checked here so that a non-number, a negative number or an
 * unknown word is a 422 naming the parameter, as the original tool answered.
 */
public final class QueryParameters {

    private QueryParameters() {}

    /** An optional whole number of at least {@code min}; null when absent or empty. */
    public static Long optionalLong(String name, String value, long min) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UnprocessableException(name, "must be a whole number");
        }
        if (parsed < min) {
            throw new UnprocessableException(name, "must be at least " + min);
        }
        return parsed;
    }

    /** A whole number between {@code min} and {@code max}, {@code fallback} when absent. */
    public static int intBetween(String name, String value, int min, int max, int fallback) {
        Long parsed = optionalLong(name, value, Long.MIN_VALUE);
        if (parsed == null) {
            return fallback;
        }
        if (parsed < min || parsed > max) {
            throw new UnprocessableException(name, "must be between " + min + " and " + max);
        }
        return parsed.intValue();
    }

    /** {@code true} or {@code false} (any case), {@code fallback} when absent. */
    public static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new UnprocessableException(name, "must be true or false");
        };
    }
}
