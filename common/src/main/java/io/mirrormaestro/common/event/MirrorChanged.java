package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A mirror command succeeded. {@code change} says what happened ({@code created}, {@code updated},
 * {@code sync_requested}, {@code deleted}, {@code verified}, {@code credentials_rotated}); {@code detail} is one line
 * for people, never containing a secret.
 */
public record MirrorChanged(
        UUID eventId,
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long mirrorId,
        String commandType,
        String change,
        String detail,
        int attempt,
        String batchId)
        implements Event {

    @Override
    public String subjectId() {
        return "mirror:" + mirrorId;
    }

    @Override
    public String summary() {
        return detail;
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCEEDED;
    }
}
