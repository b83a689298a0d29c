package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimGroup;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every secret the system handles in a realistic session (instance tokens registered, rotated and refused, group
 * tokens added and rotated, a token GitLab revokes under a running check) appears in no API response, no log line,
 * no Kafka record and no WebSocket frame.
 */
class NoSecretLeaksTest {

    @Test
    void noTokenEverLeavesTheSystem() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>();
        String kafkaGroup = "leak-scan-" + UUID.randomUUID();
        try (GitLabSimulator simulator = GitLabSimulator.create()) {
            SimulatedInstance gitlab = simulator.addInstance(InstanceOptions.of("leaky"));
            SimUser root = gitlab.createUser("root", true);
            SimGroup platform = gitlab.createGroup("platform");
            gitlab.createProject("platform/api");
            LocalDate expiry = LocalDate.now().plusDays(60);
            String first = secret(secrets, gitlab.createPersonalAccessToken(root, "a", Set.of("api"), expiry));
            String second = secret(secrets, gitlab.createPersonalAccessToken(root, "b", Set.of("api"), expiry));
            String refused = secret(secrets, gitlab.createPersonalAccessToken(root, "c", Set.of("read_api"), expiry));
            String groupToken = secret(
                    secrets, gitlab.createGroupAccessToken(platform, "mirror", Set.of("write_repository"), 40, expiry));
            String rotatedGroupToken = secret(
                    secrets,
                    gitlab.createGroupAccessToken(platform, "mirror-2", Set.of("write_repository"), 40, expiry));
            String unknown = secret(secrets, "unknown-" + UUID.randomUUID());

            try (MirrorMaestroSystem system = TestSystem.start(Map.of("logging.level.io.mirrormaestro", "DEBUG"))) {
                ApiClient api = new ApiClient(system.apiPort());
                try (ActivitySubscriber browser = new ActivitySubscriber(system.apiPort())) {
                    String url = gitlab.baseUrl().toString();
                    assertThat(api.post("/api/instances", instance("leak-bad", url, unknown))
                                    .status())
                            .isEqualTo(400);
                    assertThat(api.post("/api/instances", instance("leak-scope", url, refused))
                                    .status())
                            .isEqualTo(400);
                    long id = api.post("/api/instances", instance("leak", url, first))
                            .body()
                            .path("id")
                            .asLong();
                    assertThat(api.put("/api/instances/" + id, "{\"token\":\"" + refused + "\"}")
                                    .status())
                            .isEqualTo(400);
                    assertThat(api.put("/api/instances/" + id, "{\"token\":\"" + second + "\"}")
                                    .status())
                            .isEqualTo(200);
                    long tokenId = api.post(
                                    "/api/tokens",
                                    "{\"gitlab_instance_id\":" + id
                                            + ",\"group_path\":\"platform\",\"token_name\":\"m\",\"token\":\""
                                            + groupToken + "\"}")
                            .body()
                            .path("id")
                            .asLong();
                    assertThat(api.put("/api/tokens/" + tokenId, "{\"token\":\"" + rotatedGroupToken + "\"}")
                                    .status())
                            .isEqualTo(200);
                    String ok = api.post("/api/instances/" + id + "/check", "")
                            .body()
                            .path("command_id")
                            .asString();
                    awaitStatus(api, ok, "succeeded");
                    gitlab.revokeToken(second); // GitLab refuses the stored token under a running check
                    String failing = api.post("/api/instances/" + id + "/check", "")
                            .body()
                            .path("command_id")
                            .asString();
                    awaitStatus(api, failing, "failed");
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> browser.forCommand(failing).size() >= 2);
                    assertThat(api.get("/api/instances/" + id).status()).isEqualTo(200);
                    assertThat(api.get("/api/tokens").status()).isEqualTo(200);
                    assertThat(api.get("/api/activity?limit=500").status()).isEqualTo(200);
                    assertThat(api.get("/api/commands/" + failing).status()).isEqualTo(200);

                    assertNoSecret(secrets, "API responses", String.join("\n", api.transcript()));
                    assertNoSecret(secrets, "WebSocket frames", browser.all().toString());
                }
            }
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String kafka = kafkaRecords(kafkaGroup);
        assertThat(kafka)
                .as("the scan read the topics")
                .contains("CheckInstance")
                .contains("CommandFailed");
        assertNoSecret(secrets, "Kafka records", kafka);
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the services logged through the captured streams").contains("Tomcat started on port");
        assertNoSecret(secrets, "log output", logs);
    }

    private static String secret(List<String> secrets, String value) {
        secrets.add(value);
        return value;
    }

    private static void assertNoSecret(List<String> secrets, String where, String text) {
        for (String secret : secrets) {
            assertThat(text).as(where + " must not contain a token").doesNotContain(secret);
        }
    }

    private static String instance(String name, String url, String token) {
        return "{\"name\":\"" + name + "\",\"url\":\"" + url + "\",\"token\":\"" + token + "\"}";
    }

    private static void awaitStatus(ApiClient api, String commandId, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode command = api.get("/api/commands/" + commandId).body();
            return status.equals(command.path("status").asString());
        });
    }

    /** Every record on both topics, read from the beginning. */
    private static String kafkaRecords(String group) {
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.COMMANDS, Topics.EVENTS));
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && (all.isEmpty()
                            || System.nanoTime() - quietSince
                                    < Duration.ofSeconds(3).toNanos())) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                records.forEach(
                        r -> all.append(r.key()).append(' ').append(r.value()).append('\n'));
            }
        }
        return all.toString();
    }

    /** Writes to the real stream and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
