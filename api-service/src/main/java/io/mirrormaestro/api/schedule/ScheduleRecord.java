package io.mirrormaestro.api.schedule;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A sync schedule set at one level: {@code pair:<id>}, {@code group:<pair id>:<group path>} or {@code mirror:<id>}.
 * {@code cron} null is "no schedule" here, switching off one inherited from a less specific level.
 *
 * <p>{@code nextRunAt} is when it is next due; whoever moves it on with a conditional update (from the value it
 * read) owns that firing. {@code firingAt} is a claimed firing not yet turned into its batch; {@code firingUntil}
 * the lease after which another instance finishes it. The batch's id derives from the entry and {@code firingAt},
 * so a firing finished twice still makes one batch.
 */
@Document(ScheduleRecord.COLLECTION)
record ScheduleRecord(
        @Id String id,
        String scope,
        @Field("instance_pair_id") long instancePairId,
        @Field("group_path") String groupPath,
        @Field("mirror_id") Long mirrorId,
        String name,
        String cron,
        @Field("time_zone") String timeZone,
        @Field("next_run_at") Instant nextRunAt,
        @Field("last_run_at") Instant lastRunAt,
        @Field("last_batch_id") String lastBatchId,
        @Field("last_outcome") String lastOutcome,
        @Field("firing_at") Instant firingAt,
        @Field("firing_until") Instant firingUntil,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    static final String COLLECTION = "schedules";

    static final String PAIR = "pair";
    static final String GROUP = "group";
    static final String MIRROR = "mirror";

    static String pairKey(long pairId) {
        return PAIR + ":" + pairId;
    }

    static String groupKey(long pairId, String groupPath) {
        return GROUP + ":" + pairId + ":" + groupPath;
    }

    static String mirrorKey(long mirrorId) {
        return MIRROR + ":" + mirrorId;
    }

    boolean none() {
        return cron == null;
    }

    /** Where this entry sits, as the effective settings name their source: {@code pair}, {@code group:<path>}, ... */
    String source() {
        return switch (scope) {
            case GROUP -> GROUP + ":" + groupPath;
            default -> scope;
        };
    }
}
