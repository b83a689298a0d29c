package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A mirror command succeeded. {@code change} says what happened ({@code created}, {@code updated},
 * {@code sync_requested}, {@code deleted}, {@code verified}, {@code credentials_rotated}); {@code detail} is one line
 * for people, never containing a secret. A later {@code sync_result} of the same command says how GitLab ended the
 * sync the command requested (its detail names GitLab's status and error), once the worker read it; it is no batch
 * line's outcome, so its {@code batchId} is null.
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
