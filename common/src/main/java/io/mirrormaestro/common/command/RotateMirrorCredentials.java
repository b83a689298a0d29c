package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Embed a group token in the mirror again: pull mirrors in place; push mirrors by create, confirm, delete old. Issued after a group token's rotation, for a single mirror, and to move a mirror off the token of its own the original tool created. Answered by {@link io.mirrormaestro.common.event.MirrorCredentialsRotated}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId} in every command api-service issues
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the {@code MirrorRecord} to act on
 * @param groupTokenId the group token to embed; null for the usual lookup (the group token covering the project)
 * @param batchLine the batch line this command carries out; null outside batches
 */
public record RotateMirrorCredentials(
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long mirrorId,
        Long groupTokenId,
        BatchLineRef batchLine)
        implements MirrorCommand {

    /** Outside any batch, with a new id as its own correlation id. */
    public static RotateMirrorCredentials of(long mirrorId, Long groupTokenId) {
        UUID id = UUID.randomUUID();
        return new RotateMirrorCredentials(id, id, Instant.now(), mirrorId, groupTokenId, null);
    }
}
