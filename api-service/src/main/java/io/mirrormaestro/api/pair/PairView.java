package io.mirrormaestro.api.pair;

import io.mirrormaestro.common.store.PairRecord;
import java.time.Instant;

/** A pair as the original tool showed it. */
record PairView(
        long id,
        String name,
        String description,
        long sourceInstanceId,
        long targetInstanceId,
        String mirrorDirection,
        boolean mirrorProtectedBranches,
        boolean mirrorOverwriteDiverged,
        boolean mirrorTriggerBuilds,
        boolean onlyMirrorProtectedBranches,
        String mirrorBranchRegex,
        Long mirrorUserId,
        Instant createdAt,
        Instant updatedAt) {

    static PairView of(PairRecord r) {
        return new PairView(
                r.id(),
                r.name(),
                r.description(),
                r.sourceInstanceId(),
                r.targetInstanceId(),
                r.mirrorDirection(),
                r.mirrorProtectedBranches(),
                r.mirrorOverwriteDiverged(),
                r.mirrorTriggerBuilds(),
                r.onlyMirrorProtectedBranches(),
                r.mirrorBranchRegex(),
                r.mirrorUserId(),
                r.createdAt(),
                r.updatedAt());
    }
}
