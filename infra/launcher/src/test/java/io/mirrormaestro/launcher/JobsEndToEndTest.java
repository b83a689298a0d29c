package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/jobs} with a real worker: a GitLab 5xx makes the worker schedule a retry, which api-service lists
 * (from the command record) until it has run; the workers' recurring jobs and job servers come from JobRunr's
 * storage, which both services are pointed at by the one setting.
 */
class JobsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration BACKOFF = Duration.ofSeconds(8);

    static GitLabSimulator simulator;
    static SimulatedInstance gitlab;
    static String token;
    static MirrorMaestroSystem system;
    static ApiClient api;

    @BeforeAll
    static void start() {
        simulator = GitLabSimulator.create();
        gitlab = simulator.addInstance(InstanceOptions.of("gitlab-jobs"));
        SimUser root = gitlab.createUser("root", true);
        token = gitlab.createPersonalAccessToken(
                root, "maestro", Set.of("api"), LocalDate.now().plusDays(30));
        String jobs = "jobs-" + UUID.randomUUID();
        system = TestSystem.start(
                Map.of("jobrunr.database.database-name", jobs, "mm.worker.retry.initial-backoff", BACKOFF.toString()));
        api = new ApiClient(system.apiPort());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aRetryAfterAGitLab5xxIsListedUntilItHasRun() {
        ApiClient.Response registered = api.post(
                "/api/instances",
                "{\"name\":\"flaky\",\"url\":\"" + gitlab.baseUrl() + "\",\"token\":\"" + token + "\"}");
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(200);
        long instance = registered.body().path("id").asLong();
        gitlab.faults().failNext("GET", "/version", 1, 503);

        Instant asked = Instant.now();
        String command = api.post("/api/instances/" + instance + "/check", "")
                .body()
                .path("command_id")
                .asString();

        JsonNode retry = await().atMost(WAIT)
                .until(() -> listed(command), Optional::isPresent)
                .orElseThrow();
        assertThat(retry.path("type").asString()).isEqualTo("CheckInstance");
        assertThat(retry.path("subject_id").asString()).isEqualTo("instance:" + instance);
        assertThat(retry.path("attempt").asInt()).isEqualTo(2);
        assertThat(retry.path("attempts_made").asInt()).isEqualTo(1);
        assertThat(retry.path("last_error").asString()).contains("503");
        assertThat(Instant.parse(retry.path("scheduled_at").asString()))
                .isBetween(asked.plus(BACKOFF).minusSeconds(1), Instant.now().plus(BACKOFF));
        assertThat(api.get("/api/jobs/scheduled")
                        .body()
                        .path("jobrunr_scheduled")
                        .asLong())
                .as("the retry's JobRunr job")
                .isGreaterThanOrEqualTo(1);

        await().atMost(WAIT)
                .until(
                        () -> api.get("/api/commands/" + command)
                                .body()
                                .path("status")
                                .asString(),
                        "succeeded"::equals);
        assertThat(listed(command)).as("a retry that ran is no longer listed").isEmpty();
    }

    @Test
    void theWorkersRecurringJobsAndJobServersAreListed() {
        JsonNode recurring = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/jobs/recurring").body(),
                        r -> r.path("jobs").size() >= 2 && !r.path("servers").isEmpty());

        assertThat(recurring.path("jobs").valueStream().map(j -> j.path("id").asString()))
                .contains("mm-status-refresh", "mm-command-sweep");
        JsonNode refresh = recurring
                .path("jobs")
                .valueStream()
                .filter(j -> j.path("id").asString().equals("mm-status-refresh"))
                .findFirst()
                .orElseThrow();
        assertThat(refresh.path("schedule").asString()).isEqualTo("PT30S");
        assertThat(refresh.path("schedule_kind").asString()).isEqualTo("interval");
        assertThat(Instant.parse(refresh.path("next_run").asString()))
                .isBefore(Instant.now().plusSeconds(31));
        assertThat(recurring.path("servers").get(0).path("running").asBoolean()).isTrue();
        assertThat(recurring.path("servers").get(0).path("worker_pool_size").asInt())
                .isPositive();
    }

    private static Optional<JsonNode> listed(String command) {
        return api.get("/api/jobs/scheduled?page_size=200")
                .body()
                .path("retries")
                .valueStream()
                .filter(r -> r.path("command_id").asString().equals(command))
                .findFirst();
    }
}
