package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Remove the mirror from GitLab (already gone is fine), then from our store. Answered by {@link io.mirrormaestro.common.event.MirrorDeleted}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId} in every command api-service issues
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the {@code MirrorRecord} to act on
 * @param batchLine the batch line this command carries out; null outside batches
 */
public record DeleteMirror(
        UUID commandId, UUID correlationId, Instant occurredAt, long mirrorId, BatchLineRef batchLine)
        implements MirrorCommand {

    /** Outside any batch, with a new id as its own correlation id. */
    public static DeleteMirror of(long mirrorId) {
        UUID id = UUID.randomUUID();
        return new DeleteMirror(id, id, Instant.now(), mirrorId, null);
    }
}
