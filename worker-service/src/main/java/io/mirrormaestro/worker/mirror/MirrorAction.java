package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.MirrorCommand;
import org.gitlab4j.api.GitLabApiException;

/** What one kind of {@link MirrorCommand} does, run while its mirror is locked. */
interface MirrorAction {

    /** The command this action carries out (an {@code ImportMirrorLine} runs as a {@code CreateMirror}). */
    Class<? extends MirrorCommand> commandType();

    /**
     * @throws io.mirrormaestro.worker.command.CommandRejectedException when retrying cannot help
     * @throws GitLabApiException classified by the executor: retried or failed with GitLab's message
     */
    Outcome run(MirrorContext context) throws GitLabApiException;

    /** Which event a successful action publishes; {@code MirrorCommandHandler} turns each into its record. */
    enum Kind {
        CREATED,
        ADOPTED,
        UPDATED,
        SYNC_REQUESTED,
        DELETED,
        VERIFIED,
        CREDENTIALS_ROTATED,
        RESUMED,
        IMPORT_SKIPPED
    }

    /**
     * @param kind the event to publish
     * @param detail one line for people; never a secret
     * @param existingMirrorId for {@link Kind#IMPORT_SKIPPED}: the mirror that already covers the line's projects
     */
    record Outcome(Kind kind, String detail, Long existingMirrorId) {
        Outcome(Kind kind, String detail) {
            this(kind, detail, null);
        }
    }
}
