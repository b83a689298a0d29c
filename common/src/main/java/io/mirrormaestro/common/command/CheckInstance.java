package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Check that a registered GitLab instance answers with its stored token, and record its version and token user.
 * Published by api-service for {@code POST /api/instances/{id}/check} (registering an instance checks it inline,
 * without a command); executed by worker-service's {@code CheckInstanceHandler}, which writes the version, edition,
 * revision and token user onto the instance's document and answers {@link
 * io.mirrormaestro.common.event.InstanceChecked}, or {@link io.mirrormaestro.common.event.CommandFailed} on
 * {@code instance:<id>}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId}: api-service starts no command on behalf of another
 * @param occurredAt when api-service accepted the command
 * @param instanceId the {@code InstanceRecord} to check
 */
public record CheckInstance(UUID commandId, UUID correlationId, Instant occurredAt, long instanceId)
        implements Command {

    @Override
    public String partitionKey() {
        return subjectId();
    }

    @Override
    public String subjectId() {
        return Subjects.instance(instanceId);
    }
}
