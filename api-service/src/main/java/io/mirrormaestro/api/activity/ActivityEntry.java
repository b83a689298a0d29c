package io.mirrormaestro.api.activity;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * One line of the activity log, as stored, as listed by {@code GET /api/activity} and as pushed on
 * {@code /topic/activity}. Its id is the event's id, so a redelivered event is stored once. {@code attempt} is the
 * command's attempt an event reports on, {@code error} the reason a failed or retried attempt gave (GitLab's message),
 * so a command's page can list its attempts.
 */
@Document("activity")
public record ActivityEntry(
        @Id UUID id,
        @Field("command_id") UUID commandId,
        @Field("correlation_id") UUID correlationId,
        String type,
        @Field("command_type") String commandType,
        @Field("subject_id") String subjectId,
        String outcome,
        String message,
        String actor,
        @Field("occurred_at") Instant occurredAt,
        Integer attempt,
        String error) {

    /** An entry that is no attempt's outcome (a command accepted, a configuration change). */
    static ActivityEntry of(
            UUID id,
            UUID commandId,
            UUID correlationId,
            String type,
            String commandType,
            String subjectId,
            String outcome,
            String message,
            String actor,
            Instant occurredAt) {
        return new ActivityEntry(
                id,
                commandId,
                correlationId,
                type,
                commandType,
                subjectId,
                outcome,
                message,
                actor,
                occurredAt,
                null,
                null);
    }
}
