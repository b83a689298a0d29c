package io.mirrormaestro.api.token;

import io.mirrormaestro.common.store.GroupTokenRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A group access token as the API shows it: the original tool's fields plus expiry and scopes as GitLab reported
 * them, and {@code token_status}: {@code active}, {@code expiring_soon} (14 days or less), {@code expired} or
 * {@code unknown}. Never the token itself.
 */
record GroupTokenView(
        long id,
        long gitlabInstanceId,
        String groupPath,
        String tokenName,
        List<String> tokenScopes,
        LocalDate tokenExpiresAt,
        String tokenStatus,
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
                r.tokenCheckedAt(),
                r.createdAt(),
                r.updatedAt());
    }

    static String status(LocalDate expiresAt, LocalDate today) {
        return io.mirrormaestro.api.mirror.TokenStatus.of(expiresAt, today);
    }
}
