package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.kafka.JsonSerde;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The first command through the whole spine, on real Kafka and MongoDB (embedded without Docker) and the GitLab
 * simulator: REST → MongoDB outbox → Kafka → worker → GitLab → event on Kafka → activity log → WebSocket.
 */
class FirstCommandEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static GitLabSimulator simulator;
    static SimulatedInstance gitlab;
    static String goodToken;
    static MirrorMaestroSystem system;
    static ApiClient api;
    static ActivitySubscriber browser;

    @BeforeAll
    static void start() throws Exception {
        simulator = GitLabSimulator.create();
        gitlab = simulator.addInstance(InstanceOptions.of("gitlab-a"));
        SimUser root = gitlab.createUser("root", true);
        goodToken = gitlab.createPersonalAccessToken(
                root, "maestro", Set.of("api"), LocalDate.now().plusDays(30));

        system = TestSystem.start(Map.of());
        api = new ApiClient(system.apiPort());
        browser = new ActivitySubscriber(system.apiPort());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @BeforeEach
    void resetGitLab() {
        gitlab.faults().reset();
        gitlab.clearRequestLog();
    }

    @Test
    void checkingAnInstanceGoesThroughTheWorkerAndStreamsTheOutcome() {
        long id = register("happy", goodToken);
        String commandId = recheck(id);

        JsonNode command = awaitCommand(commandId, "succeeded");
        assertThat(command.path("attempts").asInt()).isEqualTo(1);
        assertThat(command.path("type").asString()).isEqualTo("CheckInstance");
        assertThat(command.path("subject_id").asString()).isEqualTo("instance:" + id);

        JsonNode instance = api.get("/api/instances/" + id).body();
        assertThat(instance.path("gitlab_version").asString()).isEqualTo("17.8.2-ee");
        assertThat(instance.path("token_username").asString()).isEqualTo("root");
        assertThat(instance.path("token_set").asBoolean()).isTrue();
        assertThat(instance.toString()).doesNotContain(goodToken);

        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.forCommand(commandId))
                .extracting(e -> e.path("type").asString())
                .containsExactly("CommandAccepted", "InstanceChecked"));
        JsonNode log = api.get("/api/activity?command_id=" + commandId).body();
        assertThat(log.valueStream().map(e -> e.path("outcome").asString()).toList())
                .containsExactly("succeeded", "accepted");
        assertThat(gitlab.requestLog())
                .extracting(e -> e.method() + " " + e.path())
                .contains("GET /api/v4/version", "GET /api/v4/user");
    }

    @Test
    void aGitLab500IsRetriedByJobRunrAndSucceedsOnce() {
        long id = register("flaky", goodToken);
        gitlab.faults().failNext("GET", "/version", 1, 500);

        String commandId = recheck(id);

        JsonNode command = awaitCommand(commandId, "succeeded");
        assertThat(command.path("attempts").asInt()).isEqualTo(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.forCommand(commandId))
                .extracting(e -> e.path("type").asString())
                .containsExactly("CommandAccepted", "CommandRetryScheduled", "InstanceChecked"));
        JsonNode retry = browser.forCommand(commandId).get(1);
        assertThat(retry.path("outcome").asString()).isEqualTo("retry_scheduled");
        assertThat(retry.path("message").asString()).contains("500");
    }

    @Test
    void a401FailsAtOnceWithGitLabsMessage() {
        String doomed = gitlab.createPersonalAccessToken(
                gitlab.user("root").orElseThrow(),
                "doomed",
                Set.of("api"),
                LocalDate.now().plusDays(30));
        long id = register("bad-token", doomed);
        gitlab.revokeToken(doomed);
        String commandId = recheck(id);

        JsonNode command = awaitCommand(commandId, "failed");
        assertThat(command.path("attempts").asInt()).isEqualTo(1);
        assertThat(command.path("last_error").asString()).startsWith("401");
        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.forCommand(commandId))
                .extracting(e -> e.path("outcome").asString())
                .containsExactly("accepted", "failed"));
        assertThat(browser.all().toString()).doesNotContain(doomed);
    }

    @Test
    void theSameCommandDeliveredTwiceIsExecutedOnce() throws Exception {
        long id = register("twice", goodToken);
        gitlab.clearRequestLog();

        String again = recheck(id);
        awaitCommand(again, "succeeded");
        JsonNode stored = api.get("/api/commands/" + again).body();
        // deliver the very same command once more, as a producer retry or an outbox relay after a crash would
        publish(new CheckInstance(UUID.fromString(again), UUID.fromString(again), Instant.now(), id));
        // a later command for the same instance lands on the same partition, so once it is done the copy was read
        String marker = recheck(id);
        awaitCommand(marker, "succeeded");

        assertThat(api.get("/api/commands/" + again).body().path("attempts").asInt())
                .isEqualTo(stored.path("attempts").asInt())
                .isEqualTo(1);
        assertThat(gitlab.requestLog().stream().filter(e -> e.path().equals("/api/v4/version")))
                .as("one GitLab call per distinct command")
                .hasSize(2);
    }

    @Test
    void aRetryScheduledBeforeAWorkerRestartStillHappens() {
        long id = register("restart", goodToken);
        gitlab.faults().failNext("GET", "/version", 1, 503);

        String commandId = recheck(id);
        awaitCommand(commandId, "retry_scheduled");
        system.stopWorker();
        system.startWorker();

        JsonNode command = awaitCommand(commandId, "succeeded");
        assertThat(command.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        int before = api.get("/api/instances").body().size();

        ApiClient.Response response =
                api.post("/api/instances", "{\"name\":\"x\",\"url\":\"ftp://example.com\",\"token\":\"t\"}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo("url");

        ApiClient.Response unknown =
                api.post("/api/instances", "{\"name\":\"x\",\"url\":\"http://h\",\"token\":\"t\",\"colour\":\"red\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().path("detail").asString()).contains("colour");

        assertThat(api.get("/api/commands/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/instances").body().size()).isEqualTo(before);
    }

    @Test
    void theDemoEstateRegistersItsInstancesOnceAndTheyCheckOut() {
        try (DemoEstate demo = DemoEstate.start(0, 0)) {
            demo.register(system.apiPort(), ApiClient.USER, ApiClient.PASSWORD);
            demo.register(system.apiPort(), ApiClient.USER, ApiClient.PASSWORD); // a second start: nothing new

            JsonNode instances = api.get("/api/instances").body();
            List<JsonNode> demos = instances
                    .valueStream()
                    .filter(i -> i.path("name").asString().startsWith("gitlab-"))
                    .toList();
            assertThat(demos).extracting(i -> i.path("name").asString()).containsExactly("gitlab-a", "gitlab-b");
            assertThat(demos)
                    .extracting(i -> i.path("gitlab_version").asString())
                    .containsExactly("17.8.2-ee", "17.4.1-ee");
            assertThat(demos)
                    .allSatisfy(
                            i -> assertThat(i.path("token_username").asString()).isEqualTo("root"));
        }
    }

    private static long register(String name, String token) {
        ApiClient.Response response = api.post(
                "/api/instances",
                "{\"name\":\"" + name + "\",\"url\":\"" + gitlab.baseUrl() + "\",\"token\":\"" + token + "\"}");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body().path("id").asLong();
    }

    private static String recheck(long id) {
        ApiClient.Response response = api.post("/api/instances/" + id + "/check", "");
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("status_url").asString())
                .isEqualTo("/api/commands/" + response.body().path("command_id").asString());
        return response.body().path("command_id").asString();
    }

    private static JsonNode awaitCommand(String commandId, String status) {
        return await().atMost(WAIT)
                .until(
                        () -> api.get("/api/commands/" + commandId).body(),
                        c -> status.equals(c.path("status").asString()));
    }

    private static void publish(Command command) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.endpoints().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonSerde.CommandSerializer.class);
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, command.partitionKey(), command))
                    .get();
        }
    }
}
