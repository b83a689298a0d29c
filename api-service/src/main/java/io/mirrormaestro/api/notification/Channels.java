package io.mirrormaestro.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.store.Uniqueness;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.net.AddressGuard;
import io.mirrormaestro.common.store.Sequences;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Notification channels: validated, secrets encrypted, a webhook URL held to the same address policy as GitLab's. */
@Component
class Channels {

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final ApiSettings settings;
    private final Clock clock;

    Channels(MongoTemplate mongo, TokenCipher cipher, ApiSettings settings, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.settings = settings;
        this.clock = clock;
    }

    List<ChannelRecord> list() {
        return mongo.find(new Query().with(Sort.by("_id")), ChannelRecord.class);
    }

    ChannelRecord get(long id) {
        return Lookups.require(mongo, ChannelRecord.class, id, "channel");
    }

    ChannelRecord create(ChannelBody body) {
        requireFreeName(body.name().trim(), null);
        Instant now = clock.instant();
        ChannelRecord channel = build(Sequences.next(mongo, "notification_channels"), body, null, now, now);
        mongo.insert(channel);
        return channel;
    }

    ChannelRecord replace(long id, ChannelBody body) {
        ChannelRecord old = get(id);
        requireFreeName(body.name().trim(), id);
        ChannelRecord channel = build(id, body, old, old.createdAt(), clock.instant());
        mongo.save(channel);
        return channel;
    }

    Map<String, Long> delete(long id) {
        get(id);
        long rules = mongo.remove(Query.query(where("channel_id").is(id)), RuleRecord.class)
                .getDeletedCount();
        mongo.remove(Query.query(where("_id").is(id)), ChannelRecord.class);
        return Map.of("channels", 1L, "rules", rules);
    }

    private ChannelRecord build(long id, ChannelBody body, ChannelRecord old, Instant created, Instant now) {
        boolean enabled = body.enabled() == null || body.enabled();
        if (!old(old, body.type())) {
            old = null; // a channel changing type keeps no secret of the other kind
        }
        if (body.type().equals("webhook")) {
            if (body.webhook() == null) {
                throw new UnprocessableException("webhook", "is required for a webhook channel");
            }
            if (body.email() != null) {
                throw new UnprocessableException("email", "must be absent for a webhook channel");
            }
            String url = body.webhook().url().trim();
            checkUrl(url);
            String secret = body.webhook().secret();
            String encrypted = secret != null
                    ? cipher.encrypt(secret)
                    : old == null ? null : old.webhook().encryptedSecret();
            if (encrypted == null) {
                throw new UnprocessableException("webhook.secret", "is required: it signs every delivery");
            }
            return new ChannelRecord(
                    id,
                    body.name().trim(),
                    "webhook",
                    enabled,
                    new ChannelRecord.Webhook(url, encrypted),
                    null,
                    created,
                    now);
        }
        if (body.email() == null) {
            throw new UnprocessableException("email", "is required for an email channel");
        }
        if (body.webhook() != null) {
            throw new UnprocessableException("webhook", "must be absent for an email channel");
        }
        ChannelBody.EmailBody e = body.email();
        String host = e.host().trim();
        refused(host).ifPresent(why -> {
            throw new UnprocessableException("email.host", why);
        });
        String username = e.username() == null || e.username().isBlank()
                ? null
                : e.username().trim();
        String encrypted = e.password() != null && !e.password().isEmpty()
                ? cipher.encrypt(e.password())
                : old == null || username == null ? null : old.email().encryptedPassword();
        if (username != null && encrypted == null) {
            throw new UnprocessableException("email.password", "is required with a username");
        }
        return new ChannelRecord(
                id,
                body.name().trim(),
                "email",
                enabled,
                null,
                new ChannelRecord.Email(
                        host,
                        e.port(),
                        e.tls() == null ? "starttls" : e.tls(),
                        username,
                        encrypted,
                        e.sender().trim(),
                        e.recipients().stream().map(String::trim).toList()),
                created,
                now);
    }

    private static boolean old(ChannelRecord old, String type) {
        return old != null && old.type().equals(type);
    }

    private void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnprocessableException("webhook.url", "is not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new UnprocessableException("webhook.url", "must be an http or https URL");
        }
        if (uri.getUserInfo() != null) {
            throw new UnprocessableException("webhook.url", "must not contain credentials");
        }
        refused(uri.getHost()).ifPresent(why -> {
            throw new UnprocessableException("webhook.url", why);
        });
    }

    /** Why a host may not be called, as for GitLab URLs; empty when it may (or private addresses are allowed). */
    Optional<String> refused(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("has no host");
        }
        return settings.allowPrivateAddresses() ? Optional.empty() : AddressGuard.check(host);
    }

    private void requireFreeName(String name, Long except) {
        Uniqueness.require(
                mongo,
                ChannelRecord.class,
                where("name").is(name),
                except,
                new ConflictException("name", "a channel named '" + name + "' already exists"));
    }
}
