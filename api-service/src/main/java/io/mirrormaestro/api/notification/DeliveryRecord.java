package io.mirrormaestro.api.notification;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * One message sent (or not) to a channel: a rule's digest or a test. {@code outcome} {@code delivered} or
 * {@code failed}; {@code responseCode} is the webhook's HTTP status or the SMTP server's reply code when known;
 * {@code error} never holds a secret.
 */
@Document(DeliveryRecord.COLLECTION)
record DeliveryRecord(
        @Id String id,
        @Field("channel_id") long channelId,
        @Field("channel_name") String channelName,
        @Field("channel_type") String channelType,
        @Field("rule_id") Long ruleId,
        @Field("rule_name") String ruleName,
        boolean test,
        int items,
        String subject,
        String outcome,
        @Field("response_code") Integer responseCode,
        int attempts,
        String error,
        @Field("created_at") Instant createdAt,
        @Field("finished_at") Instant finishedAt) {

    static final String COLLECTION = "notification_deliveries";
}
