package io.mirrormaestro.common.event;

import io.mirrormaestro.common.command.BatchLineRef;
import java.time.Instant;
import java.util.UUID;

/**
 * An {@link io.mirrormaestro.common.command.ImportMirrorLine} was skipped: another mirror already covers its
 * projects. The line's reserved mirror id is not used; {@code existingMirrorId} names the mirror that covers them, and
 * is also written onto the line before this event settles it.
 *
 * @param eventId see {@link EventIds}
 * @param commandId the import line's command
 * @param correlationId the command's correlation id
 * @param occurredAt when the line was skipped
 * @param mirrorId the id the line reserved (and did not use)
 * @param commandType {@code ImportMirrorLine}
 * @param detail one line for people: which mirror covers the projects
 * @param attempt the command's attempt, from 1
 * @param batchLine the import line
 * @param existingMirrorId the mirror that already covers the line's projects
 */
public record MirrorImportSkipped(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long mirrorId,
        String commandType,
        String detail,
        int attempt,
        BatchLineRef batchLine,
        Long existingMirrorId)
        implements MirrorChanged {}
