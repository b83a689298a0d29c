package io.mirrormaestro.common.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened while executing a command, published by worker-service. Event ids are derived from
 * the command id and attempt, so a re-executed step publishes the same id and consumers can drop the copy.
 *
 * <p>Published on {@link io.mirrormaestro.common.kafka.Topics#EVENTS} by worker-service's {@code EventPublisher},
 * keyed by {@link #subjectId()}, as snake_case JSON with the type name in {@code type}. api-service reads them
 * twice: {@code EventListener} (a consumer group per api-service instance, from the newest) stores each in the
 * activity log, moves the batch line it settles and pushes it to that instance's browsers ({@code /topic/activity},
 * its subject on {@code /topic/estate}); {@code EventJournal} (one group shared by all instances) stores and settles
 * what the live listeners missed while no api-service ran, and alone feeds notifications, so each event notifies
 * once. Both store by {@link #eventId()}, so a repeated event is kept once.
 *
 * <p>Records written by the previous version (one {@code MirrorChanged} type with a {@code change}, a batch line as
 * a {@code batch_id} string) are still read: see {@link io.mirrormaestro.common.kafka.ContractUpgrade}.
 *
 * <p>Not every event answers a command api-service issued: the status refresh publishes {@link MirrorStatusRefreshed}
 * and {@link CommandFailed} (an unreachable instance) of its own, with command type
 * {@code RefreshStatus}, attempt 0 and an id derived from what they report; a sync follow-up's {@link MirrorSyncFinished}
 * derives its id from the requesting command and what GitLab reported.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InstanceChecked.class, name = "InstanceChecked"),
    @JsonSubTypes.Type(value = CommandRetryScheduled.class, name = "CommandRetryScheduled"),
    @JsonSubTypes.Type(value = CommandFailed.class, name = "CommandFailed"),
    @JsonSubTypes.Type(value = MirrorCreated.class, name = "MirrorCreated"),
    @JsonSubTypes.Type(value = MirrorAdopted.class, name = "MirrorAdopted"),
    @JsonSubTypes.Type(value = MirrorUpdated.class, name = "MirrorUpdated"),
    @JsonSubTypes.Type(value = MirrorSyncRequested.class, name = "MirrorSyncRequested"),
    @JsonSubTypes.Type(value = MirrorDeleted.class, name = "MirrorDeleted"),
    @JsonSubTypes.Type(value = MirrorVerified.class, name = "MirrorVerified"),
    @JsonSubTypes.Type(value = MirrorCredentialsRotated.class, name = "MirrorCredentialsRotated"),
    @JsonSubTypes.Type(value = MirrorResumed.class, name = "MirrorResumed"),
    @JsonSubTypes.Type(value = MirrorImportSkipped.class, name = "MirrorImportSkipped"),
    @JsonSubTypes.Type(value = MirrorSyncFinished.class, name = "MirrorSyncFinished"),
    @JsonSubTypes.Type(value = MirrorStatusRefreshed.class, name = "MirrorStatusRefreshed"),
    @JsonSubTypes.Type(value = MirrorsRefreshed.class, name = "MirrorsRefreshed")
})
public sealed interface Event
        permits InstanceChecked, CommandRetryScheduled, CommandFailed, MirrorChanged, MirrorsRefreshed {

    /** Deterministic (see {@link EventIds}): the activity log's {@code _id}, so a copy is dropped. */
    UUID eventId();

    /** The command this is an outcome of; for the status refresh's own events, the same value as the event id. */
    UUID commandId();

    /** The command's correlation id, copied. */
    UUID correlationId();

    /** When the worker recorded the outcome. */
    Instant occurredAt();

    /** What the event is about: {@code mirror:<id>}, {@code instance:<id>}, or the command's own subject. */
    String subjectId();

    /** The type of the command this event is an outcome of. */
    String commandType();

    /** One line for people reading the activity log; never contains a secret. */
    String summary();

    Outcome outcome();

    /** The batch line the event settles, or null: only a command's final outcome settles its line. */
    default io.mirrormaestro.common.command.BatchLineRef batchLine() {
        return null;
    }

    default String typeName() {
        return getClass().getSimpleName();
    }

    /** How the attempt went, as the activity log's {@code outcome} (lower case on the wire). */
    enum Outcome {
        /** {@link InstanceChecked}, every {@link MirrorChanged}, {@link MirrorsRefreshed}. */
        SUCCEEDED,
        /** {@link CommandFailed}: final. */
        FAILED,
        /** {@link CommandRetryScheduled}: another attempt comes. */
        RETRY_SCHEDULED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
