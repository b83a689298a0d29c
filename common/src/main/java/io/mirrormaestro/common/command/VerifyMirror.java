package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Read GitLab's side and record status, drift, orphaning and stuck syncs; with {@code repair}, also put GitLab back to our settings when they drifted and re-create an orphaned mirror. Answered by {@link io.mirrormaestro.common.event.MirrorVerified}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId} in every command api-service issues
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the {@code MirrorRecord} to act on
 * @param repair also repair what the check finds (the REST API's {@code repair=true})
 * @param batchLine the batch line this command carries out; null outside batches
 */
public record VerifyMirror(
        UUID commandId, UUID correlationId, Instant occurredAt, long mirrorId, boolean repair, BatchLineRef batchLine)
        implements MirrorCommand {

    /** Outside any batch, with a new id as its own correlation id. */
    public static VerifyMirror of(long mirrorId, boolean repair) {
        UUID id = UUID.randomUUID();
        return new VerifyMirror(id, id, Instant.now(), mirrorId, repair, null);
    }
}
