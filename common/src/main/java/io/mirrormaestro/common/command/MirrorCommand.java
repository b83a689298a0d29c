package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A command about one mirror. Commands carry ids only: the handler reads the mirror's desired state from MongoDB
 * when it runs, so a retry applies the latest wishes, and all commands for one mirror share a partition.
 *
 * @param action what to do, see {@link Action}
 * @param groupTokenId for {@link Action#ROTATE_CREDENTIALS}: the group token whose new value to embed
 * @param repair for {@link Action#VERIFY}: also put GitLab back to our settings when they drifted
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

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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
