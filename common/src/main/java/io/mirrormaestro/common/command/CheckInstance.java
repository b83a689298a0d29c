package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/** Check that a registered GitLab instance answers with its stored token, and record its version and token user. */
public record CheckInstance(UUID commandId, UUID correlationId, Instant occurredAt, long instanceId)
        implements Command {

    @Override
    public String partitionKey() {
        return subjectId();
    }

    @Override
    public String subjectId() {
        return "instance:" + instanceId;
    }
}
