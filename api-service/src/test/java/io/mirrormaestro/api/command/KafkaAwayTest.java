package io.mirrormaestro.api.command;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.testing.ApiClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka away (the producer points at a closed port): a command request still answers 202 within the publish
 * timeout, the command waiting in the outbox for the relay, instead of blocking for the producer's default minute.
 */
class KafkaAwayTest extends ApiIntegrationTest {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void producerToAClosedPort(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("spring.kafka.producer.bootstrap-servers", () -> "127.0.0.1:" + port);
        registry.add("mm.api.publish-timeout", PUBLISH_TIMEOUT::toString);
        registry.add("mm.api.outbox-interval", () -> "PT1H"); // the relay stays out of this test
    }

    @Test
    void aCommandRequestAnswersWithinThePublishTimeoutAndLeavesTheCommandToTheOutbox() {
        ApiClient api = new ApiClient(port, USER, PASSWORD);
        long instance = api.post(
                        "/api/instances",
                        "{\"name\":\"kafka-away-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"url\":\""
                                + GITLAB.url() + "\",\"token\":\"" + GITLAB.apiToken + "\"}")
                .body()
                .path("id")
                .asLong();

        long start = System.nanoTime();
        ApiClient.Response accepted = api.post("/api/instances/" + instance + "/check", "");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(took).isLessThan(PUBLISH_TIMEOUT.plusSeconds(3));
        UUID commandId = UUID.fromString(accepted.body().path("command_id").asString());
        CommandRecord stored = mongo.findById(commandId, CommandRecord.class);
        assertThat(stored).isNotNull();
        assertThat(stored.published()).as("left to the outbox relay").isFalse();
    }
}
