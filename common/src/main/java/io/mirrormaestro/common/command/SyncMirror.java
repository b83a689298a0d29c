package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Push: force the remote mirror to sync. Pull: trigger a pull. Answered by {@link io.mirrormaestro.common.event.MirrorSyncRequested}; how GitLab ended the sync follows as a {@link io.mirrormaestro.common.event.MirrorSyncFinished}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId} in every command api-service issues
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the {@code MirrorRecord} to act on
 * @param batchLine the batch line this command carries out; null outside batches
 */
public record SyncMirror(UUID commandId, UUID correlationId, Instant occurredAt, long mirrorId, BatchLineRef batchLine)
        implements MirrorCommand {

    /** Outside any batch, with a new id as its own correlation id. */
    public static SyncMirror of(long mirrorId) {
        UUID id = UUID.randomUUID();
        return new SyncMirror(id, id, Instant.now(), mirrorId, null);
    }
}
