package io.mirrormaestro.common.command;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a command is in its life, as its {@code CommandRecord} holds it and {@code GET /api/commands/{id}} shows it
 * (lower case on the wire). api-service writes {@link #ACCEPTED}; every other transition is a worker's conditional
 * update. Not sent on Kafka: events carry an {@link io.mirrormaestro.common.event.Event.Outcome} instead.
 */
public enum CommandStatus {
    /** Recorded by api-service; not yet claimed by a worker (perhaps not yet on Kafka). */
    ACCEPTED,
    /** A worker claimed an attempt and holds the command's lease. */
    RUNNING,
    /** An attempt failed in a way that may pass; a JobRunr job runs the next attempt at {@code next_attempt_at}. */
    RETRY_SCHEDULED,
    /** Final: the handler's event was published; {@code result} holds its summary. */
    SUCCEEDED,
    /** Final: rejected, or failed for good; {@code last_error} says why. */
    FAILED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
