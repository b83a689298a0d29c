package io.mirrormaestro.gitlab.simulator.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A personal, group or project access token (GitLab stores all three as PersonalAccessToken). */
public final class TokenRec {
    public final long id;
    public final String name;
    public final String description;
    public final String value;
    public final UserRec user;
    public final TokenKind kind;
    /** Group or project id for resource tokens, 0 for personal tokens. */
    public final long resourceId;

    public final List<String> scopes;
    public final Instant createdAt;
    public final LocalDate expiresAt;
    /** Token this one replaced by rotation (0 if none); used for reuse detection. */
    public final long previousId;

    public volatile boolean revoked;
    public volatile Instant lastUsedAt;
    public volatile long successorId;

    public TokenRec(
            long id,
            String name,
            String description,
            String value,
            UserRec user,
            TokenKind kind,
            long resourceId,
            List<String> scopes,
            Instant createdAt,
            LocalDate expiresAt,
            long previousId) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.value = value;
        this.user = user;
        this.kind = kind;
        this.resourceId = resourceId;
        this.scopes = List.copyOf(scopes);
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.previousId = previousId;
    }

    /** GitLab: a token expires at midnight UTC at the start of its expiry date. */
    public boolean expired(LocalDate today) {
        return expiresAt != null && !today.isBefore(expiresAt);
    }

    public boolean active(LocalDate today) {
        return !revoked && !expired(today);
    }

    public boolean hasAnyScope(String... wanted) {
        for (String w : wanted) {
            if (scopes.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
