package io.mirrormaestro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A mirror command succeeded. {@code change} says what happened ({@code created}, {@code updated},
 * {@code sync_requested}, {@code deleted}, {@code verified}, {@code credentials_rotated}); {@code detail} is one line
 * for people, never containing a secret. A later {@code sync_result} of the same command says how GitLab ended the
 * sync the command requested (its detail names GitLab's status and error), once the worker read it; it is no batch
 * line's outcome, so its {@code batchId} is null.
 *
 * <p>Published by worker-service: {@code MirrorCommandHandler} for each successful
 * {@link io.mirrormaestro.common.command.MirrorCommand}, {@code SyncFollowUps} for {@code sync_result}, and
 * {@code StatusRefresh} for {@code status_refreshed} (a mirror GitLab reports differently from our record; command
 * type {@code RefreshStatus}, attempt 0, no command behind it). api-service stores it in the activity log, settles the
 * batch line it names ({@code skipped} for a skipped line, else {@code succeeded}), pushes the mirror on
 * {@code /topic/estate}, and notifies from {@code status_refreshed} and {@code sync_result} details (failed, stuck,
 * recovered).
 *
 * @param eventId see {@link EventIds}
 * @param commandId the command that made the change; for {@code status_refreshed}, the event id
 * @param correlationId the command's correlation id; for {@code status_refreshed}, the event id
 * @param occurredAt when the change was recorded
 * @param mirrorId the mirror changed
 * @param commandType the command's type name ({@code CreateMirror}, {@code SyncMirror}, ...; {@code RefreshStatus}
 *     for {@code status_refreshed})
 * @param change what happened: {@code created}, {@code updated}, {@code sync_requested}, {@code deleted},
 *     {@code verified}, {@code credentials_rotated}, {@code resumed}; {@code skipped} for an import line whose
 *     projects another mirror already covers; {@code sync_result}; {@code status_refreshed}
 * @param detail one line for people, never a secret (notification rules match on its wording: "GitLab reports ...
 *     failed", "...: stuck", "... up to date")
 * @param attempt the command's attempt that succeeded, from 1; 0 for {@code status_refreshed}
 * @param batchId the batch line the command carried out ({@code <batch id>:<line>}); null outside batches and for
 *     {@code sync_result} and {@code status_refreshed}
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
