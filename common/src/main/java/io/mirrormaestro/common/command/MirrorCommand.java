package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A command about one mirror. Commands carry ids only: the handler reads the mirror's desired state from MongoDB
 * when it runs, so a retry applies the latest wishes, and all commands for one mirror share a partition.
 *
 * <p>Published by api-service: the mirror endpoints and group token rotation ({@code Mirrors}), batches and imports
 * ({@code BatchRunner}), and the move from the original tool ({@code MigrationWriter}, {@code OwnTokens}). Executed
 * by worker-service's {@code MirrorCommandHandler}, which locks the mirror and runs the action; success is a
 * {@link io.mirrormaestro.common.event.MirrorChanged}, a failure a
 * {@link io.mirrormaestro.common.event.CommandRetryScheduled} or {@link io.mirrormaestro.common.event.CommandFailed}
 * on {@code mirror:<id>}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId} in every command api-service issues
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the {@code MirrorRecord} to act on (for an import line's create, the id the line reserved; the
 *     worker inserts the mirror under it)
 * @param action what to do, see {@link Action}; on the wire the constant's name ({@code SYNC})
 * @param groupTokenId for {@link Action#ROTATE_CREDENTIALS}: the group token to embed (after its rotation, or to
 *     move a mirror off the token of its own that the original tool created); null for the usual lookup, and for
 *     every other action
 * @param repair for {@link Action#VERIFY}: also put GitLab back to our settings when they drifted, and re-create an
 *     orphaned mirror
 * @param batchId the batch line this command carries out, as {@code <batch id>:<line>}; null outside batches
 */
public record MirrorCommand(
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long mirrorId,
        Action action,
        Long groupTokenId,
        boolean repair,
        String batchId)
        implements Command {

    /** What a {@link MirrorCommand} does; {@link #typeName()} names each as a command of its own. */
    public enum Action {
        /** Create the push mirror on the source, or configure the pull mirror on the target; then sync once. */
        CREATE,
        /** Apply the mirror's current settings and enabled flag to GitLab. */
        UPDATE,
        /** Push: force the remote mirror to sync. Pull: trigger a pull. */
        SYNC,
        /** Remove the mirror from GitLab (already gone is fine), then from our store. */
        DELETE,
        /** Read GitLab's side and record status, drift, orphaning and stuck syncs. */
        VERIFY,
        /** Embed a rotated group token: pull mirrors in place; push mirrors by create, confirm, delete old. */
        ROTATE_CREDENTIALS,
        /**
         * Resume a mirror GitLab stopped: pull, configure it again (GitLab's force_import_job! resets a hard failure);
         * push, enable it again if GitLab disabled it, then sync.
         */
        RESUME;

        /**
         * The action in lower case ({@code rotate_credentials}). The command's JSON on Kafka carries the constant's
         * name ({@code ROTATE_CREDENTIALS}), not this.
         */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A command outside any batch, with a new id as its own correlation id. */
    public static MirrorCommand of(long mirrorId, Action action) {
        UUID id = UUID.randomUUID();
        return new MirrorCommand(id, id, Instant.now(), mirrorId, action, null, false, null);
    }

    @Override
    public String partitionKey() {
        return subjectId();
    }

    @Override
    public String subjectId() {
        return "mirror:" + mirrorId;
    }

    @Override
    public String typeName() {
        return switch (action) {
            case CREATE -> "CreateMirror";
            case UPDATE -> "UpdateMirror";
            case SYNC -> "SyncMirror";
            case DELETE -> "DeleteMirror";
            case VERIFY -> "VerifyMirror";
            case ROTATE_CREDENTIALS -> "RotateMirrorCredentials";
            case RESUME -> "ResumeMirror";
        };
    }
}
