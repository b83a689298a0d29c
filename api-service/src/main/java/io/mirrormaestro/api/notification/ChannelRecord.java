package io.mirrormaestro.api.notification;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * Where notifications go. {@code type} {@code webhook} uses {@code webhook}, {@code email} uses {@code email}. The
 * webhook's secret and the SMTP password are stored encrypted ({@code TokenCipher}) and never answered.
 */
@Document(ChannelRecord.COLLECTION)
record ChannelRecord(
        @Id long id,
        String name,
        String type,
        boolean enabled,
        Webhook webhook,
        Email email,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    static final String COLLECTION = "notification_channels";

    record Webhook(String url, @Field("encrypted_secret") String encryptedSecret) {}

    /** @param tls {@code none}, {@code starttls} (required) or {@code ssl} (implicit TLS, port 465 usually) */
    record Email(
            String host,
            int port,
            String tls,
            String username,
            @Field("encrypted_password") String encryptedPassword,
            String sender,
            List<String> recipients) {}
}
