package io.mirrormaestro.api.instance;

import io.mirrormaestro.common.store.InstanceRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An instance as the API shows it: the original tool's fields, plus what GitLab told us. Never the token, only
 * whether one is set.
 */
record InstanceView(
        long id,
        String name,
        String url,
        String description,
        Long tokenUserId,
        String tokenUsername,
        boolean tokenSet,
        List<String> tokenScopes,
        LocalDate tokenExpiresAt,
        String gitlabVersion,
        String gitlabRevision,
        String gitlabEdition,
        Instant lastCheckedAt,
        Instant createdAt,
        Instant updatedAt) {

    static InstanceView of(InstanceRecord r) {
        return new InstanceView(
                r.id(),
                r.name(),
                r.url(),
                r.description(),
                r.tokenUserId(),
                r.tokenUsername(),
                r.encryptedToken() != null,
                r.tokenScopes() == null ? List.of() : r.tokenScopes(),
                r.tokenExpiresAt(),
                r.gitlabVersion(),
                r.gitlabRevision(),
                r.gitlabEdition(),
                r.lastCheckedAt(),
                r.createdAt(),
                r.updatedAt());
    }
}
