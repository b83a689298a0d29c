package io.mirrormaestro.common.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * An order to do something to GitLab, published by api-service and executed by worker-service.
 * Records are the Kafka contract: change them only by adding fields.
 *
 * <p>api-service writes each command to MongoDB first ({@code CommandRecord}, the outbox) and then sends it on
 * {@link io.mirrormaestro.common.kafka.Topics#COMMANDS}, keyed by {@link #partitionKey()}; on the wire it is the
 * snake_case JSON of the record with its type name in {@code type}. A worker claims the record before each attempt,
 * so a second delivery of the same command runs nothing.
 *
 * <p>Records written by the previous version (one {@code MirrorCommand} type with an {@code action}, a batch line as
 * a {@code batch_id} string) are still read: see {@link io.mirrormaestro.common.kafka.ContractUpgrade}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CheckInstance.class, name = "CheckInstance"),
    @JsonSubTypes.Type(value = CreateMirror.class, name = "CreateMirror"),
    @JsonSubTypes.Type(value = ImportMirrorLine.class, name = "ImportMirrorLine"),
    @JsonSubTypes.Type(value = UpdateMirror.class, name = "UpdateMirror"),
    @JsonSubTypes.Type(value = SyncMirror.class, name = "SyncMirror"),
    @JsonSubTypes.Type(value = VerifyMirror.class, name = "VerifyMirror"),
    @JsonSubTypes.Type(value = RotateMirrorCredentials.class, name = "RotateMirrorCredentials"),
    @JsonSubTypes.Type(value = DeleteMirror.class, name = "DeleteMirror"),
    @JsonSubTypes.Type(value = ResumeMirror.class, name = "ResumeMirror"),
    @JsonSubTypes.Type(value = RefreshMirrors.class, name = "RefreshMirrors")
})
public sealed interface Command permits CheckInstance, MirrorCommand, RefreshMirrors {

    /** Unique per command; the {@code _id} of its {@code CommandRecord} and the seed of its events' ids. */
    UUID commandId();

    /** Copied onto every event of the command; every publisher today sets it to {@link #commandId()}. */
    UUID correlationId();

    /** When api-service accepted the command; worker metrics measure waiting and duration from it. */
    Instant occurredAt();

    /** Commands with the same key land on the same partition and so run in order. */
    String partitionKey();

    /**
     * What the command acts on, for the activity log: {@code instance:<id>}, {@code mirror:<id>}, {@code pair:<id>}
     * or {@code mirrors:refresh} (see each record).
     */
    String subjectId();

    /** The batch line this command carries out, or null outside batches. */
    default BatchLineRef batchLine() {
        return null;
    }

    /**
     * The name the activity log, the command record and metrics use: the record's simple name, which is also its
     * {@code type} on the wire ({@code CreateMirror}, {@code SyncMirror}, ...).
     */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
