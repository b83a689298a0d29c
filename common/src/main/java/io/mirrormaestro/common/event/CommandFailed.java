package io.mirrormaestro.common.event;

import io.mirrormaestro.common.command.BatchLineRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A command ended in failure, for good: GitLab refused (a 4xx, with GitLab's message), retryable failures ran out of
 * attempts ({@code MM_RETRY_MAX_ATTEMPTS}), or the worker rejected it (its subject deleted meanwhile, no group token
 * covers the project, ...). Published by worker-service's {@code CommandExecutor}; the command's record becomes
 * {@code failed} with {@code reason} as its {@code last_error}. Also published by the status refresh
 * ({@code RefreshReachability}) once per outage of a GitLab instance, on {@code instance:<id>} with command type
 * {@code RefreshStatus} and attempt 0, although no command failed.
 *
 * <p>api-service stores it in the activity log (outcome {@code failed}, {@code error} = {@code reason}), fails the
 * batch line it names, and notifies: on {@code instance:<id>} "instance unreachable", on {@code mirror:<id>} "mirror
 * paused" when the reason says the mirror is on pause, else "mirror failed".
 *
 * @param eventId see {@link EventIds}
 * @param commandId the command that failed
 * @param correlationId the command's correlation id
 * @param occurredAt when the failure was recorded
 * @param subjectId the command's subject ({@code mirror:<id>}, {@code instance:<id>}, {@code pair:<id>},
 *     {@code mirrors:refresh})
 * @param commandType the command's type name ({@code CreateMirror}, {@code CheckInstance}, ...)
 * @param attempt the attempt that failed, from 1
 * @param httpStatus GitLab's HTTP status when GitLab's answer failed it; null when GitLab was not reached or not
 *     asked (unreachable, a refused address, a rejection, an internal error)
 * @param reason one line for people, never a secret, for example GitLab's message prefixed with its status
 *     ({@code 403 ...}), {@code GitLab unreachable: ...}, {@code GitLab not called: ...} (a refused address), the
 *     rejection's words ({@code mirror 5 no longer exists}), or {@code internal error: <exception class>}
 * @param batchLine the batch line the command carried out; null outside batches
 */
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
        BatchLineRef batchLine)
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
