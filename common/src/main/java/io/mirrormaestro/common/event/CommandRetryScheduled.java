package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

public record CommandRetryScheduled(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        String subjectId,
        String commandType,
        int attempt,
        Instant nextAttemptAt,
        String reason)
        implements Event {

    @Override
    public String summary() {
        return commandType + " attempt " + attempt + " failed (" + reason + "); retry at " + nextAttemptAt;
    }

    @Override
    public Outcome outcome() {
        return Outcome.RETRY_SCHEDULED;
    }
}
