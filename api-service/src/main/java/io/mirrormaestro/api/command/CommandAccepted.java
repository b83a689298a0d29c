package io.mirrormaestro.api.command;

import java.net.URI;
import java.util.UUID;

/** The body of every {@code 202 Accepted}: where to follow the command. */
public record CommandAccepted(UUID commandId, String status, URI statusUrl) {

    public static CommandAccepted of(UUID commandId) {
        return of(commandId, "accepted");
    }

    /** @param status what was accepted, e.g. {@code update_triggered} */
    public static CommandAccepted of(UUID commandId, String status) {
        return new CommandAccepted(commandId, status, URI.create("/api/commands/" + commandId));
    }
}
