package io.mirrormaestro.api.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A key rotation on the real stack: api-service runs with a new key and the old one as previous; secrets stored under
 * the old key are read through the fallback and rewritten under the new one in the background, with the progress on
 * {@code GET /api/ops/key-rotation}; passes running side by side (two api-service instances) rewrite each secret once.
 */
class KeyRotationTest extends ApiIntegrationTest {

    /** The key every other integration test runs with, so the one this test rotates away from. */
    static final String OLD = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    static final String NEW = TokenKey.generateBase64();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("mm.api.encryption-key", () -> NEW);
        registry.add("mm.api.encryption-key-previous", () -> OLD);
        registry.add("mm.api.key-rotation-first-pass", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TokenCipher cipher;

    @Autowired
    KeyRotation rotation;

    @Test
    void rewritesEverySecretUnderTheNewKeyOnceWhilePassesRunSideBySide() {
        TokenCipher old = new TokenCipher(TokenKey.fromBase64(OLD));
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            plain.add("secret-value-" + i);
        }
        for (int i = 0; i < 10; i++) {
            mongo.getCollection("instances")
                    .insertOne(new Document("_id", 5_000L + i)
                            .append("name", "rotated-" + i)
                            .append("encrypted_token", old.encrypt(plain.get(i))));
            mongo.getCollection("group_tokens")
                    .insertOne(new Document("_id", 5_000L + i)
                            .append("group_path", "g" + i)
                            .append("encrypted_token", old.encrypt(plain.get(10 + i))));
            mongo.getCollection("mirror_tokens")
                    .insertOne(new Document("_id", 5_000L + i)
                            .append("token_name", "t" + i)
                            .append("encrypted_token", old.encrypt(plain.get(20 + i))));
        }
        mongo.getCollection("notification_channels")
                .insertOne(new Document("_id", 5_000L)
                        .append("name", "hook")
                        .append("webhook", new Document("encrypted_secret", old.encrypt("nested-secret-value"))));
        ApiClient api = new ApiClient(port, USER, PASSWORD);
        JsonNode before = api.get("/api/ops/key-rotation").body();
        assertThat(before.path("state").asString()).isEqualTo("in_progress");
        assertThat(before.path("remaining").asLong()).isGreaterThanOrEqualTo(31);
        assertThat(cipher.decrypt(stored("instances", 5_000L)))
                .as("read through the previous key meanwhile")
                .isEqualTo("secret-value-0");

        List<CompletableFuture<Long>> passes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            passes.add(CompletableFuture.supplyAsync(rotation::pass));
        }
        long rewritten = passes.stream().mapToLong(CompletableFuture::join).sum();

        assertThat(rewritten)
                .as("each secret rewritten by exactly one pass")
                .isEqualTo(before.path("remaining").asLong());
        JsonNode after = api.get("/api/ops/key-rotation").body();
        assertThat(after.path("state").asString()).isEqualTo("done");
        assertThat(after.path("remaining").asLong()).isZero();
        assertThat(after.path("done").asLong()).isEqualTo(after.path("total").asLong());
        assertThat(after.path("last_pass_at").isNull()).isFalse();
        TokenCipher onlyNew = new TokenCipher(TokenKey.fromBase64(NEW));
        for (int i = 0; i < 10; i++) {
            assertThat(onlyNew.decrypt(stored("instances", 5_000L + i))).isEqualTo(plain.get(i));
            assertThat(onlyNew.decrypt(stored("group_tokens", 5_000L + i))).isEqualTo(plain.get(10 + i));
            assertThat(onlyNew.decrypt(stored("mirror_tokens", 5_000L + i))).isEqualTo(plain.get(20 + i));
        }
        Document channel = mongo.getCollection("notification_channels")
                .find(new Document("_id", 5_000L))
                .first();
        assertThat(onlyNew.decrypt(channel.get("webhook", Document.class).getString("encrypted_secret")))
                .isEqualTo("nested-secret-value");
        assertThat(rotation.pass()).as("idempotent").isZero();
        assertThat(api.get("/api/ops/key-rotation").text()).doesNotContain("secret-value-");

        String foreign = new TokenCipher(TokenKey.fromBase64(TokenKey.generateBase64())).encrypt("lost");
        mongo.getCollection("instances")
                .insertOne(new Document("_id", 6_000L).append("name", "lost").append("encrypted_token", foreign));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/ops/key-rotation").body(),
                        s -> "attention".equals(s.path("state").asString())
                                && s.path("unreadable").asLong() == 1);
        mongo.getCollection("instances").deleteOne(new Document("_id", 6_000L));
    }

    private String stored(String collection, long id) {
        return mongo.getCollection(collection)
                .find(new Document("_id", id))
                .first()
                .getString("encrypted_token");
    }
}
