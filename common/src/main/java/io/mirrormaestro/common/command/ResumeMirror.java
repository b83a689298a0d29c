package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Resume a mirror GitLab stopped: pull, configure it again (GitLab's force_import_job! resets a hard failure); push, enable it again if GitLab disabled it, then sync. Answered by {@link io.mirrormaestro.common.event.MirrorResumed}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId} in every command api-service issues
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the {@code MirrorRecord} to act on
 * @param batchLine the batch line this command carries out; null outside batches
 */
public record ResumeMirror(
        UUID commandId, UUID correlationId, Instant occurredAt, long mirrorId, BatchLineRef batchLine)
        implements MirrorCommand {

    /** Outside any batch, with a new id as its own correlation id. */
    public static ResumeMirror of(long mirrorId) {
        UUID id = UUID.randomUUID();
        return new ResumeMirror(id, id, Instant.now(), mirrorId, null);
    }
}
