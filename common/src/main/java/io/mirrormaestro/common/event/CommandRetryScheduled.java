package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An attempt failed in a way that may pass (no connection, a timeout, a 5xx or 429 from GitLab, the instance's own
 * limits, or the subject busy with another command), and another attempt is scheduled as a JobRunr job. Published by
 * worker-service's {@code CommandExecutor}; the command's record becomes {@code retry_scheduled}. api-service stores
 * it in the activity log (outcome {@code retry_scheduled}, {@code error} = {@code reason}); it settles no batch line.
 *
 * @param eventId see {@link EventIds}
 * @param commandId the command to be tried again
 * @param correlationId the command's correlation id
 * @param occurredAt when the failed attempt was recorded
 * @param subjectId the command's subject
 * @param commandType the command's type name
 * @param attempt the attempt that failed, from 1; the next one is {@code attempt + 1}
 * @param nextAttemptAt when the next attempt is due: the wait GitLab (or the instance's own rate limiter) asked
 *     for, else exponential backoff from
 *     {@code MM_RETRY_INITIAL_BACKOFF} up to {@code MM_RETRY_MAX_BACKOFF}
 * @param reason why the attempt failed, in the words of {@link CommandFailed#reason()}
 */
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
