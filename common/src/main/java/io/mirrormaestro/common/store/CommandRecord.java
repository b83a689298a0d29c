package io.mirrormaestro.common.store;

import io.mirrormaestro.common.command.CommandStatus;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * The durable life of one command. api-service inserts it (with the command's JSON as {@code payload}) before
 * publishing, so an unpublished command can be relayed after a crash; worker-service claims and updates it.
 * {@code worker} is the worker process ({@code pid@host}) that ran the latest attempt.
 */
@Document(CommandRecord.COLLECTION)
public record CommandRecord(
        @Id UUID id,
        String type,
        @Field("subject_id") String subjectId,
        String payload,
        CommandStatus status,
        int attempts,
        boolean published,
        @Field("accepted_at") Instant acceptedAt,
        @Field("updated_at") Instant updatedAt,
        @Field("lease_until") Instant leaseUntil,
        @Field("next_attempt_at") Instant nextAttemptAt,
        @Field("last_error") String lastError,
        String result,
        String worker) {

    public static final String COLLECTION = "commands";

    public static CommandRecord accepted(UUID id, String type, String subjectId, String payload, Instant now) {
        return new CommandRecord(
                id, type, subjectId, payload, CommandStatus.ACCEPTED, 0, false, now, now, null, null, null, null, null);
    }
}
