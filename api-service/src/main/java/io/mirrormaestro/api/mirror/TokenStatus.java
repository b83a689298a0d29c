package io.mirrormaestro.api.mirror;

import java.time.LocalDate;

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
}
