package io.mirrormaestro.worker.command;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.event.Event;

/**
 * Executes one kind of command against GitLab. Implementations must be idempotent: an attempt may be repeated after
 * a crash between the GitLab call and the database write.
 */
public interface CommandHandler<C extends Command> {

    Class<C> commandType();

    /**
     * @return the event that records success
     * @throws CommandRejectedException when retrying cannot help and GitLab was not the cause
     * @throws Exception anything else is classified by {@code GitLabFailure}
     */
    Event execute(C command, int attempt) throws Exception;
}
