package io.mirrormaestro.common.event;

import io.mirrormaestro.common.command.BatchLineRef;
import java.time.Instant;
import java.util.UUID;

/**
 * The background status refresh found the mirror in GitLab different from our record (status, failure, pause, stuck) and recorded it. No command is behind it: command type {@code RefreshStatus}, attempt 0, command and correlation id equal to the event id, which derives from what it reports.
 *
 * @param eventId see {@link EventIds}
 * @param commandId the command that made the change; here the event id
 * @param correlationId the command's correlation id
 * @param occurredAt when the change was recorded
 * @param mirrorId the mirror
 * @param commandType the command's type name ({@code RefreshStatus})
 * @param detail one line for people, never a secret
 * @param attempt the command's attempt that succeeded, from 1; 0
 * @param batchLine the batch line the command carried out; null outside batches; always null
 * @param verdict what GitLab's report amounts to (notifications act on it); null only in an event of the previous
 *     version that {@link io.mirrormaestro.common.kafka.ContractUpgrade} could not classify
 */
public record MirrorStatusRefreshed(
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
