package io.mirrormaestro.common.gitlab;

import java.time.Instant;

/**
 * A project's pull mirror ({@code GET /projects/:id/mirror/pull}). GitLab masks the credentials in {@code url}.
 * The configuration fields are null before GitLab 17.5, which reports only the update state.
 */
public record PullMirror(
        long id,
        String url,
        MirrorUpdateStatus updateStatus,
        String lastError,
        Instant lastUpdateAt,
        Instant lastUpdateStartedAt,
        Instant lastSuccessfulUpdateAt,
        Boolean enabled,
        Boolean mirrorTriggerBuilds,
        Boolean onlyMirrorProtectedBranches,
        Boolean mirrorOverwritesDivergedBranches,
        String mirrorBranchRegex) {}
