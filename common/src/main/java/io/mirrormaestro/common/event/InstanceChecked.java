package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

public record InstanceChecked(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long instanceId,
        String version,
        String revision,
        String username,
        int attempt)
        implements Event {

    @Override
    public String subjectId() {
        return "instance:" + instanceId;
    }

    @Override
    public String commandType() {
        return "CheckInstance";
    }

    @Override
    public String summary() {
        return "GitLab " + version + " reachable as " + username;
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCEEDED;
    }
}
