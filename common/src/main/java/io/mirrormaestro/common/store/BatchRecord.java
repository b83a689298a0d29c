package io.mirrormaestro.common.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A batch of mirror work (an import), with counters kept exact by conditional per-item transitions.
 *
 * <p>{@code status}: {@code running}, {@code cancelling}, {@code completed}, {@code cancelled}. {@code runnerUntil}
 * is the lease of the api-service instance fanning it out, so a crashed runner's batch is picked up again.
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
        @Field("finished_at") Instant finishedAt) {

    public static final String COLLECTION = "batches";
}
