package io.mirrormaestro.api.command;

import java.net.URI;
import java.util.UUID;

/** The body of every {@code 202 Accepted}: where to follow the command. */
public record CommandAccepted(UUID commandId, String status, URI statusUrl) {

    public static CommandAccepted of(UUID commandId) {
        return new CommandAccepted(commandId, "accepted", URI.create("/api/commands/" + commandId));
    }
}
