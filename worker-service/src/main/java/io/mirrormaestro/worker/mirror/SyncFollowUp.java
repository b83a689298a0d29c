package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.SyncMirror;
import io.mirrormaestro.common.kafka.ContractUpgrade;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One read of GitLab's status of a mirror after {@code commandId} asked GitLab to sync it, kept by JobRunr in
 * MongoDB. The job id derives from the mirror, the command and the read's number, so a redelivered or retried command
 * schedules each read once.
 *
 * @param action the type name of the command that requested the sync ({@code SyncMirror}, or {@code CreateMirror},
 *     {@code VerifyMirror} and {@code RotateMirrorCredentials} with their first sync); a job scheduled by the
 *     previous version holds the action's constant instead ({@code SYNC}, {@code CREATE}, ...), see
 *     {@link #commandType()}
 * @param attempt the attempt of that command that requested it
 * @param read 1 for the first read after the request, then 2, 3, …
 * @param requestedAtEpochMilli when the sync was requested: follow-ups end a fixed time after it
 */
public record SyncFollowUp(
        long mirrorId,
        UUID commandId,
        UUID correlationId,
        String action,
        int attempt,
        int read,
        long requestedAtEpochMilli)
        implements JobRequest {

    static SyncFollowUp first(MirrorCommand command, int attempt, Instant requestedAt) {
        return new SyncFollowUp(
                command.mirrorId(),
                command.commandId(),
                command.correlationId(),
                command.typeName(),
                attempt,
                1,
                requestedAt.toEpochMilli());
    }

    @Override
    public Class<SyncFollowUpHandler> getJobRequestHandler() {
        return SyncFollowUpHandler.class;
    }

    UUID jobId() {
        String name = "sync-follow-up/" + mirrorId + "/" + commandId + "/" + read;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    SyncFollowUp next() {
        return new SyncFollowUp(mirrorId, commandId, correlationId, action, attempt, read + 1, requestedAtEpochMilli);
    }

    Instant requestedAt() {
        return Instant.ofEpochMilli(requestedAtEpochMilli);
    }

    /** The requesting command as far as reading the mirror needs it: its ids (for the mirror's context). */
    MirrorCommand command() {
        return new SyncMirror(commandId, correlationId, requestedAt(), mirrorId, null);
    }

    /** The requesting command's type name, also for jobs the previous version scheduled. */
    String commandType() {
        return ContractUpgrade.commandTypeOf(action);
    }
}
