package io.mirrormaestro.worker.command;

/** A command that cannot succeed whatever GitLab says, e.g. its subject was deleted meanwhile. */
public class CommandRejectedException extends RuntimeException {

    public CommandRejectedException(String message) {
        super(message);
    }
}
