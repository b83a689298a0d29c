package io.mirrormaestro.common.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened while executing a command, published by worker-service. Event ids are derived from
 * the command id and attempt, so a re-executed step publishes the same id and consumers can drop the copy.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InstanceChecked.class, name = "InstanceChecked"),
    @JsonSubTypes.Type(value = CommandRetryScheduled.class, name = "CommandRetryScheduled"),
    @JsonSubTypes.Type(value = CommandFailed.class, name = "CommandFailed"),
    @JsonSubTypes.Type(value = MirrorChanged.class, name = "MirrorChanged"),
    @JsonSubTypes.Type(value = MirrorsRefreshed.class, name = "MirrorsRefreshed")
})
public sealed interface Event
        permits InstanceChecked, CommandRetryScheduled, CommandFailed, MirrorChanged, MirrorsRefreshed {

    UUID eventId();

    UUID commandId();

    UUID correlationId();

    Instant occurredAt();

    String subjectId();

    /** The type of the command this event is an outcome of. */
    String commandType();

    /** One line for people reading the activity log; never contains a secret. */
    String summary();

    Outcome outcome();

    default String typeName() {
        return getClass().getSimpleName();
    }

    enum Outcome {
        SUCCEEDED,
        FAILED,
        RETRY_SCHEDULED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
