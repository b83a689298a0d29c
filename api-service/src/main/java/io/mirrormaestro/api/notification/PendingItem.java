package io.mirrormaestro.api.notification;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * Something a rule will report in its next message. The id is the rule's and the happening's (an event id, a token
 * and its warning level, a batch), so an event read twice, or seen by two api-service instances, waits once.
 */
@Document(PendingItem.COLLECTION)
record PendingItem(
        @Id String id,
        @Field("rule_id") long ruleId,
        String kind,
        String subject,
        String text,
        @Field("occurred_at") Instant occurredAt,
        @Field("created_at") Instant createdAt) {

    static final String COLLECTION = "notification_pending";
}
