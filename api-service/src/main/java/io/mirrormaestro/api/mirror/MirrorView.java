package io.mirrormaestro.api.mirror;

import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A mirror as the API shows it: the original tool's fields (stored overrides, {@code effective_*} values, GitLab
 * status) and what this tool adds (lifecycle, last error, drift, stuck, orphaned, paused by GitLab, token status).
 */
record MirrorView(
        long id,
        long instancePairId,
        long sourceInstanceId,
        long targetInstanceId,
        long sourceProjectId,
        String sourceProjectPath,
        long targetProjectId,
        String targetProjectPath,
        String mirrorDirection,
        Boolean mirrorProtectedBranches,
        Boolean mirrorOverwriteDiverged,
        Boolean mirrorTriggerBuilds,
        Boolean onlyMirrorProtectedBranches,
        String mirrorBranchRegex,
        Long mirrorUserId,
        String effectiveMirrorDirection,
        Boolean effectiveMirrorOverwriteDiverged,
        Boolean effectiveMirrorTriggerBuilds,
        Boolean effectiveOnlyMirrorProtectedBranches,
        String effectiveMirrorBranchRegex,
        Long effectiveMirrorUserId,
        boolean enabled,
        String lifecycle,
        Long mirrorId,
        String lastUpdateStatus,
        Instant lastUpdateAt,
        Instant lastSuccessfulUpdate,
        String lastError,
        Instant lastCheckedAt,
        List<String> drift,
        boolean stuck,
        boolean orphaned,
        boolean paused,
        Long groupTokenId,
        LocalDate tokenExpiresAt,
        String tokenStatus,
        String tokenWarning,
        Instant createdAt,
        Instant updatedAt) {

    static MirrorView of(MirrorRecord m, MirrorSettings effective, LocalDate today) {
        MirrorRecord.Overrides o = m.overrides() == null ? MirrorRecord.Overrides.NONE : m.overrides();
        return new MirrorView(
                m.id(),
                m.instancePairId(),
                m.sourceInstanceId(),
                m.targetInstanceId(),
                m.sourceProjectId(),
                m.sourceProjectPath(),
                m.targetProjectId(),
                m.targetProjectPath(),
                m.mirrorDirection(),
                o.mirrorProtectedBranches(),
                o.mirrorOverwriteDiverged(),
                o.mirrorTriggerBuilds(),
                o.onlyMirrorProtectedBranches(),
                o.mirrorBranchRegex(),
                o.mirrorUserId(),
                effective.mirrorDirection().value(),
                effective.mirrorOverwriteDiverged().value(),
                effective.mirrorTriggerBuilds().value(),
                effective.onlyMirrorProtectedBranches().value(),
                effective.mirrorBranchRegex().value(),
                effective.mirrorUserId().value(),
                m.enabled(),
                m.lifecycle(),
                m.mirrorId(),
                m.lastUpdateStatus(),
                m.lastUpdateAt(),
                m.lastSuccessfulUpdate(),
                m.lastError(),
                m.lastCheckedAt(),
                m.drift() == null ? List.of() : m.drift(),
                m.stuck(),
                m.orphaned(),
                Boolean.TRUE.equals(m.paused()),
                m.groupTokenId(),
                m.tokenExpiresAt(),
                TokenStatus.of(m.tokenExpiresAt(), today),
                TokenStatus.warning(m.tokenExpiresAt(), today),
                m.createdAt(),
                m.updatedAt());
    }
}
