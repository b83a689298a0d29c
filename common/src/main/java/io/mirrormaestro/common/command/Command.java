package io.mirrormaestro.common.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * An order to do something to GitLab, published by api-service and executed by worker-service.
 * Records are the Kafka contract: change them only by adding fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CheckInstance.class, name = "CheckInstance"),
    @JsonSubTypes.Type(value = MirrorCommand.class, name = "MirrorCommand"),
    @JsonSubTypes.Type(value = RefreshMirrors.class, name = "RefreshMirrors")
})
public sealed interface Command permits CheckInstance, MirrorCommand, RefreshMirrors {

    UUID commandId();

    UUID correlationId();

    Instant occurredAt();

    /** Commands with the same key land on the same partition and so run in order. */
    String partitionKey();

    /** What the command acts on, for the activity log (an instance id, a mirror id, a batch id). */
    String subjectId();

    /** The batch line this command carries out ({@code <batch id>:<line>}), or null outside batches. */
    default String batchId() {
        return null;
    }

    default String typeName() {
        return getClass().getSimpleName();
    }
}
