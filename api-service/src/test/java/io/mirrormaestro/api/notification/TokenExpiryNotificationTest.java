package io.mirrormaestro.api.notification;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Token expiry as GitLab reports it (the simulator, tokens created with near expiry dates): registered through the
 * API, each token's warning level goes out to a rule scoped to the pair that uses the instance.
 */
class TokenExpiryNotificationTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ExpiryWatch expiry;

    private final String unique = "exp-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void tokensNearExpiryInGitLabRaiseTheirLevelOnce() throws Exception {
        Api api = new Api(port, USER, PASSWORD);
        LocalDate today = LocalDate.now(ZoneOffset.UTC); // the server's clock is UTC
        String instanceToken = GITLAB.current.createPersonalAccessToken(
                GITLAB.current.createUser(unique, true), "maestro", Set.of("api"), today.plusDays(1));
        long source = id(api.post(
                "/api/instances",
                "{\"name\":\"" + unique + "-a\",\"url\":\"" + GITLAB.url() + "\",\"token\":\"" + instanceToken
                        + "\"}"));
        long target = id(api.post(
                "/api/instances",
                "{\"name\":\"" + unique + "-b\",\"url\":\"" + GITLAB.legacy.baseUrl() + "\",\"token\":\""
                        + GITLAB.legacyApiToken + "\"}"));
        assertThat(api.get("/api/instances/" + source)
                        .body()
                        .get("token_expires_at")
                        .asString())
                .isEqualTo(today.plusDays(1).toString());
        long pair = id(api.post(
                "/api/pairs",
                "{\"name\":\"" + unique + "\",\"source_instance_id\":" + source + ",\"target_instance_id\":" + target
                        + ",\"mirror_direction\":\"push\"}"));
        long groupToken = id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + source + ",\"group_path\":\"platform/core\",\"token_name\":\"" + unique
                        + "\",\"token\":\"" + GITLAB.groupToken("platform/core", today.plusDays(7)) + "\"}"));

        assertThat(api.get("/api/tokens/" + groupToken)
                        .body()
                        .get("token_warning")
                        .asString())
                .isEqualTo("7_days");

        try (Receiver receiver = new Receiver()) {
            long channel = id(api.post(
                    "/api/notifications/channels",
                    "{\"name\":\"" + unique + "\",\"type\":\"webhook\",\"webhook\":{\"url\":\"" + receiver.url()
                            + "\",\"secret\":\"a-secret-long-enough\"}}"));
            long rule = id(api.post(
                    "/api/notifications/rules",
                    "{\"name\":\"" + unique + "\",\"channel_id\":" + channel
                            + ",\"events\":[\"token_expiring\",\"token_expired\"],\"pair_ids\":[" + pair + "]}"));

            expiry.check();
            expiry.check();

            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received.isEmpty());
            JsonNode message = Api.parse(receiver.received.peek().text());
            assertThat(message.get("count").asInt()).isEqualTo(2);
            assertThat(message.get("counts").get("token_expiring").asInt()).isEqualTo(2);
            assertThat(message.get("events").valueStream().map(e -> e.get("text")
                            .asString()))
                    .containsExactlyInAnyOrder(
                            "Instance token of " + unique + "-a expires on " + today.plusDays(1)
                                    + " (1 day or less); 0 mirrors depend on it",
                            "Group token " + unique + " of platform/core expires on " + today.plusDays(7)
                                    + " (7 days or less); 0 mirrors depend on it");
            assertThat(message.get("events").valueStream().map(e -> e.get("subject")
                            .asString()))
                    .containsExactlyInAnyOrder("instance:" + source, "group_token:" + groupToken);

            expiry.check(); // the same levels on the same dates: nothing new
            assertThat(api.get("/api/notifications/rules/" + rule)
                            .body()
                            .get("next_send_at")
                            .isNull())
                    .isFalse();
            assertThat(receiver.received).hasSize(1);
        } finally {
            api.delete("/api/tokens/" + groupToken);
            api.delete("/api/instances/" + source);
            api.delete("/api/instances/" + target);
        }
    }

    private static long id(Api.Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isIn(200, 201);
        return answer.body().get("id").asLong();
    }
}
