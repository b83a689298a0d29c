package io.mirrormaestro.api.notification;

import java.time.Instant;
import java.util.List;

/** A channel as answered: the webhook's secret and the SMTP password only as whether one is set. */
record ChannelView(
        long id,
        String name,
        String type,
        boolean enabled,
        Webhook webhook,
        Email email,
        Instant createdAt,
        Instant updatedAt) {

    record Webhook(String url, boolean secretSet) {}

    record Email(
            String host,
            int port,
            String tls,
            String username,
            boolean passwordSet,
            String sender,
            List<String> recipients) {}

    static ChannelView of(ChannelRecord c) {
        return new ChannelView(
                c.id(),
                c.name(),
                c.type(),
                c.enabled(),
                c.webhook() == null
                        ? null
                        : new Webhook(c.webhook().url(), c.webhook().encryptedSecret() != null),
                c.email() == null
                        ? null
                        : new Email(
                                c.email().host(),
                                c.email().port(),
                                c.email().tls(),
                                c.email().username(),
                                c.email().encryptedPassword() != null,
                                c.email().sender(),
                                c.email().recipients()),
                c.createdAt(),
                c.updatedAt());
    }
}
