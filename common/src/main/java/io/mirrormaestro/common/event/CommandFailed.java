package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

public record CommandFailed(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        String subjectId,
        String commandType,
        int attempt,
        Integer httpStatus,
        String reason,
        String batchId)
        implements Event {

    @Override
    public String summary() {
        return commandType + " failed: " + reason;
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILED;
    }
}
