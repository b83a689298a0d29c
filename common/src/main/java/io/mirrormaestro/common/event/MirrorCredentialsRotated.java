package io.mirrormaestro.common.event;

import io.mirrormaestro.common.command.BatchLineRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A {@link io.mirrormaestro.common.command.RotateMirrorCredentials} embedded the group token's current value in the mirror.
 *
 * @param eventId see {@link EventIds}
 * @param commandId the command that made the change
 * @param correlationId the command's correlation id
 * @param occurredAt when the change was recorded
 * @param mirrorId the mirror
 * @param commandType the command's type name ({@code RotateMirrorCredentials})
 * @param detail one line for people, never a secret
 * @param attempt the command's attempt that succeeded, from 1
 * @param batchLine the batch line the command carried out; null outside batches
 */
public record MirrorCredentialsRotated(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long mirrorId,
        String commandType,
        String detail,
        int attempt,
        BatchLineRef batchLine)
        implements MirrorChanged {}
