package io.mirrormaestro.api.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mirrormaestro.api.activity.ActivityEntry;
import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.kafka.ContractUpgrade;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A command's state as {@code GET /api/commands/{id}} shows it. {@code accepted_at} is when it was created;
 * {@code next_attempt_at} is the last retry time ever scheduled, {@code next_retry_at} only while a retry waits.
 * {@code mirror_id}, {@code instance_id}, {@code batch_id} and {@code batch_line} say what it acts on and for which
 * batch line; {@code history} (one command only, not in lists) is its activity, oldest first: acceptance, then each
 * attempt's outcome with {@code attempt} and GitLab's {@code error}. {@code actor} (one command only) is who asked
 * for it: the user its acceptance was recorded for.
 */
record CommandView(
        UUID commandId,
        UUID correlationId,
        String type,
        String subjectId,
        Long mirrorId,
        Long instanceId,
        String batchId,
        Integer batchLine,
        String status,
        int attempts,
        Instant acceptedAt,
        Instant updatedAt,
        Instant nextAttemptAt,
        Instant nextRetryAt,
        String lastError,
        String result,
        String worker,
        @JsonInclude(JsonInclude.Include.NON_NULL) String actor,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ActivityEntry> history) {

    static CommandView of(CommandRecord r, List<ActivityEntry> history) {
        Command command = command(r.payload());
        Long mirrorId = command instanceof MirrorCommand m ? m.mirrorId() : null;
        Long instanceId = command instanceof CheckInstance c ? c.instanceId() : null;
        BatchLineRef batchLine = command == null ? null : command.batchLine();
        return new CommandView(
                r.id(),
                command == null ? null : command.correlationId(),
                r.type(),
                r.subjectId(),
                mirrorId,
                instanceId,
                batchLine == null ? null : batchLine.batchId(),
                batchLine == null ? null : batchLine.line(),
                r.status().wireName(),
                r.attempts(),
                r.acceptedAt(),
                r.updatedAt(),
                r.nextAttemptAt(),
                r.status() == CommandStatus.RETRY_SCHEDULED ? r.nextAttemptAt() : null,
                r.lastError(),
                r.result(),
                r.worker(),
                history == null ? null : actorOf(history),
                history);
    }

    private static String actorOf(List<ActivityEntry> history) {
        return history.stream()
                .filter(e -> "CommandAccepted".equals(e.type()))
                .map(ActivityEntry::actor)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static Command command(String payload) {
        try {
            return payload == null ? null : ContractUpgrade.command(payload);
        } catch (RuntimeException unreadable) {
            return null; // written by a newer or older api-service: the stored fields still tell the state
        }
    }
}
