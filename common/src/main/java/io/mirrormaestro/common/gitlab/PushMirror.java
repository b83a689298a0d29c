package io.mirrormaestro.common.gitlab;

import java.time.Instant;

/**
 * A push mirror as GitLab reports it ({@code remote_mirrors}). GitLab masks the credentials in {@code url}.
 *
 * @param mirrorBranchRegex null on Community Edition and when unset
 * @param authMethod null before GitLab 16.10 or for a method unknown here
 */
public record PushMirror(
        long id,
        boolean enabled,
        String url,
        MirrorUpdateStatus updateStatus,
        String lastError,
        Instant lastUpdateAt,
        Instant lastUpdateStartedAt,
        Instant lastSuccessfulUpdateAt,
        boolean onlyProtectedBranches,
        boolean keepDivergentRefs,
        String mirrorBranchRegex,
        PushAuthMethod authMethod) {}
