package io.mirrormaestro.common.event;

import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.Subjects;

/**
 * A mirror command succeeded, or GitLab reported something about a mirror: one record per outcome, each named in the
 * past tense. All share these fields; {@code detail} is one line for people, never containing a secret.
 *
 * <p>Published by worker-service: {@code MirrorCommandHandler} for each successful
 * {@link io.mirrormaestro.common.command.MirrorCommand}, {@code SyncFollowUps} for {@link MirrorSyncFinished}, and
 * {@code StatusRefresh} for {@link MirrorStatusRefreshed} (no command behind it: command type {@code RefreshStatus},
 * attempt 0, the event id as command id). api-service stores it in the activity log, settles the batch line it names
 * ({@code skipped} for {@link MirrorImportSkipped}, else {@code succeeded}), pushes the mirror on
 * {@code /topic/estate}, and notifies from {@link MirrorStatusRefreshed} and {@link MirrorSyncFinished} (failed,
 * stuck, recovered).
 *
 * <p>The previous version published one {@code MirrorChanged} record whose {@code change} named the outcome;
 * {@link io.mirrormaestro.common.kafka.ContractUpgrade} reads those as the record its {@code change} names.
 */
public sealed interface MirrorChanged extends Event
        permits MirrorCreated,
                MirrorAdopted,
                MirrorUpdated,
                MirrorSyncRequested,
                MirrorDeleted,
                MirrorVerified,
                MirrorCredentialsRotated,
                MirrorResumed,
                MirrorImportSkipped,
                MirrorSyncFinished,
                MirrorStatusRefreshed {

    /** The mirror the event is about. */
    long mirrorId();

    /**
     * One line for people, never a secret (notification rules match on its wording: "GitLab reports ... failed",
     * "...: stuck", "... up to date").
     */
    String detail();

    /** The command's attempt that succeeded, from 1; 0 for {@link MirrorStatusRefreshed}. */
    int attempt();

    @Override
    default String subjectId() {
        return Subjects.mirror(mirrorId());
    }

    @Override
    default String summary() {
        return detail();
    }

    @Override
    default Outcome outcome() {
        return Outcome.SUCCEEDED;
    }

    /** The batch line the command carried out; null outside batches, and for sync results and refreshes. */
    @Override
    BatchLineRef batchLine();
}
