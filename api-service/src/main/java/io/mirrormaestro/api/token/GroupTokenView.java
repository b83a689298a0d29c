package io.mirrormaestro.api.token;

import io.mirrormaestro.common.store.GroupTokenRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A group access token as the API shows it: the original tool's fields plus expiry and scopes as GitLab reported
 * them, {@code token_status}: {@code active}, {@code expiring_soon} (14 days or less), {@code expired} or
 * {@code unknown}, and {@code token_warning}: the warning level reached ({@code 30_days}, {@code 7_days},
 * {@code 1_day}, {@code expired}, or null), as notifications report it. Never the token itself.
 */
record GroupTokenView(
        long id,
        long gitlabInstanceId,
        String groupPath,
        String tokenName,
        List<String> tokenScopes,
        LocalDate tokenExpiresAt,
        String tokenStatus,
        String tokenWarning,
        Instant tokenCheckedAt,
        Instant createdAt,
        Instant updatedAt) {

    static GroupTokenView of(GroupTokenRecord r, LocalDate today) {
        return new GroupTokenView(
                r.id(),
                r.gitlabInstanceId(),
                r.groupPath(),
                r.tokenName(),
                r.tokenScopes() == null ? List.of() : r.tokenScopes(),
                r.tokenExpiresAt(),
                status(r.tokenExpiresAt(), today),
                io.mirrormaestro.api.mirror.TokenStatus.warning(r.tokenExpiresAt(), today),
                r.tokenCheckedAt(),
                r.createdAt(),
                r.updatedAt());
    }

    static String status(LocalDate expiresAt, LocalDate today) {
        return io.mirrormaestro.api.mirror.TokenStatus.of(expiresAt, today);
    }
}
