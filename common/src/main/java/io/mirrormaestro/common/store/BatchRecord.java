package io.mirrormaestro.common.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A batch of mirror work (an import), with counters kept exact by conditional per-item transitions.
 *
 * <p>{@code status}: {@code running}, {@code cancelling}, {@code completed}, {@code cancelled}. {@code runnerUntil}
 * is the lease of the api-service instance fanning it out, so a crashed runner's batch is picked up again.
 *
 * <p>{@code spreadUntil}: when set (a scheduled sync), the lines are handed out evenly between {@code createdAt} and
 * this time rather than as fast as the window allows, so a schedule due for thousands of mirrors does not burst.
 */
@Document(BatchRecord.COLLECTION)
public record BatchRecord(
        @Id String id,
        String kind,
        @Field("instance_pair_id") long instancePairId,
        String status,
        int total,
        int pending,
        @Field("in_progress") int inProgress,
        int succeeded,
        int failed,
        int skipped,
        int cancelled,
        long sequence,
        @Field("runner_until") Instant runnerUntil,
        @Field("created_at") Instant createdAt,
        @Field("started_at") Instant startedAt,
        @Field("finished_at") Instant finishedAt,
        @Field("spread_until") Instant spreadUntil) {

    public static final String COLLECTION = "batches";

    /** The document's shape: every field, {@code spread_until} included. */
    @PersistenceCreator
    public BatchRecord {}

    /** A batch handed out as fast as its window allows ({@code spread_until} null), as batches were before pacing. */
    public BatchRecord(
            String id,
            String kind,
            long instancePairId,
            String status,
            int total,
            int pending,
            int inProgress,
            int succeeded,
            int failed,
            int skipped,
            int cancelled,
            long sequence,
            Instant runnerUntil,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt) {
        this(
                id,
                kind,
                instancePairId,
                status,
                total,
                pending,
                inProgress,
                succeeded,
                failed,
                skipped,
                cancelled,
                sequence,
                runnerUntil,
                createdAt,
                startedAt,
                finishedAt,
                null);
    }
}
