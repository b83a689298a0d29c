package io.mirrormaestro.api.notification;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * Which happenings ({@link Trigger} kinds) go to one channel, for which pairs or groups (both empty: everything).
 * {@code failureThreshold}: a mirror counts as failed after that many consecutive failures. {@code nextSendAt} and
 * {@code claimUntil} are the digest's bookkeeping: the earliest time the next message may go, and the lease of the
 * api-service instance sending one.
 */
@Document(RuleRecord.COLLECTION)
record RuleRecord(
        @Id long id,
        String name,
        @Field("channel_id") long channelId,
        boolean enabled,
        List<String> events,
        @Field("failure_threshold") int failureThreshold,
        @Field("pair_ids") List<Long> pairIds,
        @Field("group_paths") List<String> groupPaths,
        @Field("last_sent_at") Instant lastSentAt,
        @Field("next_send_at") Instant nextSendAt,
        @Field("claim_until") Instant claimUntil,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    static final String COLLECTION = "notification_rules";

    boolean scoped() {
        return !pairIds.isEmpty() || !groupPaths.isEmpty();
    }
}
