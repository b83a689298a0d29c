package io.mirrormaestro.common.event;

import io.mirrormaestro.common.command.BatchLineRef;
import java.time.Instant;
import java.util.UUID;

/**
 * How GitLab ended a sync a command requested (the detail names GitLab's status and error), published by {@code SyncFollowUps} once the worker read it; its id derives from the requesting command and what GitLab reported. It is no batch line's outcome: its {@code batchLine} is null.
 *
 * @param eventId see {@link EventIds}
 * @param commandId the command that made the change that requested the sync
 * @param correlationId the command's correlation id
 * @param occurredAt when the change was recorded
 * @param mirrorId the mirror
 * @param commandType the command's type name ({@code SyncMirror}, {@code CreateMirror}, ...})
 * @param detail one line for people, never a secret
 * @param attempt the command's attempt that succeeded, from 1 of the requesting command
 * @param batchLine the batch line the command carried out; null outside batches; always null
 * @param verdict what GitLab's report amounts to (notifications act on it); null only in an event of the previous
 *     version that {@link io.mirrormaestro.common.kafka.ContractUpgrade} could not classify
 */
public record MirrorSyncFinished(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long mirrorId,
        String commandType,
        String detail,
        int attempt,
        BatchLineRef batchLine,
        GitLabVerdict verdict)
        implements MirrorChanged {}
