package io.mirrormaestro.common.command;

import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Create the mirror one import line asks for. api-service hands import lines over without calling GitLab; the worker
 * looks both projects up by path (a group's projects at a time), resolves the direction as for a single create,
 * records the mirror under the id the line reserved, and creates it as {@link CreateMirror} does with
 * {@code adoptExisting}: an import takes over what GitLab already has. A line whose projects another mirror already
 * covers is skipped ({@link io.mirrormaestro.common.event.MirrorImportSkipped}); a project GitLab does not know fails
 * the line with its path. Published by api-service's {@code BatchRunner}; answered by
 * {@link io.mirrormaestro.common.event.MirrorCreated}, {@link io.mirrormaestro.common.event.MirrorAdopted} or
 * {@link io.mirrormaestro.common.event.MirrorImportSkipped}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId}
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the id the line reserved; the worker inserts the mirror under it
 * @param batchLine the import line
 * @param line what the line asks for; null only in a command written by the previous version, which carried the
 *     line's id alone (the worker then reads the line from {@code batch_items})
 */
public record ImportMirrorLine(
        UUID commandId, UUID correlationId, Instant occurredAt, long mirrorId, BatchLineRef batchLine, Line line)
        implements MirrorCommand {

    public ImportMirrorLine {
        Objects.requireNonNull(batchLine, "batchLine");
    }

    /**
     * An import line's wishes, as the file said them.
     *
     * @param instancePairId the pair the import is for
     * @param sourceProjectPath the source project's full path
     * @param targetProjectPath the target project's full path
     * @param direction the line's direction; null to take the group defaults' or the pair's
     * @param overrides the line's settings over the group defaults and the pair; never null
     * @param enabled whether the mirror starts enabled
     */
    public record Line(
            long instancePairId,
            String sourceProjectPath,
            String targetProjectPath,
            MirrorDirection direction,
            MirrorRecord.Overrides overrides,
            boolean enabled) {

        public Line {
            overrides = overrides == null ? MirrorRecord.Overrides.NONE : overrides;
        }
    }
}
