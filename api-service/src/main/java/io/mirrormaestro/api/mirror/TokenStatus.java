package io.mirrormaestro.api.mirror;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code active}, {@code expiring_soon} (14 days or less), {@code expired} or {@code unknown}. */
public final class TokenStatus {

    public static final int SOON_DAYS = 14;

    private TokenStatus() {}

    public static String of(LocalDate expiresAt, LocalDate today) {
        if (expiresAt == null) {
            return "unknown";
        }
        if (!expiresAt.isAfter(today)) {
            return "expired";
        }
        return expiresAt.isAfter(today.plusDays(SOON_DAYS)) ? "active" : "expiring_soon";
    }

    /** The days before expiry at which warnings go out, nearest last. */
    public static final List<Integer> WARNING_DAYS = List.of(30, 7, 1);

    /**
     * The warning level a token has reached: {@code expired}, {@code 1_day}, {@code 7_days}, {@code 30_days}, or null
     * (further off, or no expiry known). Each level is reported once per expiry date.
     */
    public static String warning(LocalDate expiresAt, LocalDate today) {
        if (expiresAt == null) {
            return null;
        }
        if (!expiresAt.isAfter(today)) {
            return "expired";
        }
        long days = ChronoUnit.DAYS.between(today, expiresAt);
        for (int i = WARNING_DAYS.size() - 1; i >= 0; i--) {
            int level = WARNING_DAYS.get(i);
            if (days <= level) {
                return level == 1 ? "1_day" : level + "_days";
            }
        }
        return null;
    }
}
