package io.mirrormaestro.api.secrets;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.mirrormaestro.common.crypto.TokenCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotation of the at-rest encryption key without downtime. While {@code MM_ENCRYPTION_KEY_PREVIOUS} is set, every
 * service decrypts with the current key and falls back to the previous one, and this background pass rewrites each
 * stored secret still sealed under the previous key under the current one.
 *
 * <p>The pass keeps no state of its own: what is left is read from the secrets themselves (which key opens each), so
 * it resumes after a restart where it stopped, and running it again changes nothing. Each rewrite is conditional on
 * the value it read ({@code _id} and the old ciphertext), so two api-service instances passing at once, or a token
 * rotated by a user meanwhile, never lose a write: the second writer finds the value changed and leaves it.
 */
@Component
public class KeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final Clock clock;
    private volatile Instant lastPassAt;

    KeyRotation(MongoTemplate mongo, TokenCipher cipher, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Secrets of one collection by the key that opens them. */
    public record Counts(String collection, long total, long current, long previous, long unreadable) {}

    /**
     * Where a rotation stands. {@code state}: {@code none} (no previous key configured), {@code in_progress}
     * (secrets left under the previous key), {@code done} (all under the current key: remove
     * {@code MM_ENCRYPTION_KEY_PREVIOUS}), {@code attention} (secrets neither key opens: replace them).
     */
    public record Status(
            String state,
            boolean previousKeyConfigured,
            long total,
            long done,
            long remaining,
            long unreadable,
            List<Counts> collections,
            Instant lastPassAt) {}

    /** Re-encrypts what is left; answers how many secrets it rewrote. */
    @Scheduled(
            initialDelayString = "${mm.api.key-rotation-first-pass}",
            fixedDelayString = "${mm.api.key-rotation-interval}")
    public void scheduledPass() {
        if (!cipher.rotating()) {
            return;
        }
        try {
            long rewritten = pass();
            if (rewritten > 0) {
                LOG.info("key rotation: re-encrypted {} stored secret(s) under the current key", rewritten);
            }
        } catch (RuntimeException e) {
            // MongoDB away: the next pass goes on from what is stored
            LOG.warn("key rotation pass stopped: {}", e.toString());
        }
    }

    public long pass() {
        if (!cipher.rotating()) {
            return 0;
        }
        long rewritten = 0;
        for (String collection : existing()) {
            for (Document d : mongo.getCollection(collection).find()) {
                for (var secret : StoredSecrets.of(d).entrySet()) {
                    if (cipher.keyOf(secret.getValue()) != TokenCipher.KeyUsed.PREVIOUS) {
                        continue;
                    }
                    String field = secret.getKey();
                    String reEncrypted = cipher.encrypt(cipher.decrypt(secret.getValue()));
                    long changed = mongo.getCollection(collection)
                            .updateOne(
                                    Filters.and(Filters.eq("_id", d.get("_id")), Filters.eq(field, secret.getValue())),
                                    Updates.set(field, reEncrypted))
                            .getModifiedCount();
                    rewritten += changed;
                }
            }
        }
        lastPassAt = clock.instant();
        return rewritten;
    }

    public Status status() {
        List<Counts> counts = new ArrayList<>();
        long total = 0;
        long current = 0;
        long previous = 0;
        long unreadable = 0;
        for (String collection : existing()) {
            long[] c = new long[3];
            for (Document d : mongo.getCollection(collection).find().projection(Projections.excludeId())) {
                StoredSecrets.of(d)
                        .values()
                        .forEach(stored -> c[cipher.keyOf(stored).ordinal()]++);
            }
            long all = c[0] + c[1] + c[2];
            if (all > 0) {
                counts.add(new Counts(collection, all, c[0], c[1], c[2]));
            }
            total += all;
            current += c[0];
            previous += c[1];
            unreadable += c[2];
        }
        String state =
                !cipher.rotating() ? "none" : unreadable > 0 ? "attention" : previous > 0 ? "in_progress" : "done";
        return new Status(
                state, cipher.rotating(), total, current, previous, unreadable, List.copyOf(counts), lastPassAt);
    }

    private List<String> existing() {
        Set<String> names = mongo.getCollectionNames();
        return StoredSecrets.COLLECTIONS.stream().filter(names::contains).toList();
    }
}
