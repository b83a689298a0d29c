package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.MirrorCommand;
import org.gitlab4j.api.GitLabApiException;

/** What one {@link MirrorCommand.Action} does, run while its mirror is locked. */
interface MirrorAction {

    MirrorCommand.Action action();

    /**
     * @throws io.mirrormaestro.worker.command.CommandRejectedException when retrying cannot help
     * @throws GitLabApiException classified by the executor: retried or failed with GitLab's message
     */
    Outcome run(MirrorContext context) throws GitLabApiException;

    /**
     * @param change the event's {@code change}: created, updated, sync_requested, deleted, verified,
     *     credentials_rotated
     * @param detail one line for people; never a secret
     */
    record Outcome(String change, String detail) {}
}
