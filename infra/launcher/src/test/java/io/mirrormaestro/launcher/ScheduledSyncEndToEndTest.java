package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A pair's sync schedule through the whole system: at its time in its time zone, api-service starts one sync batch
 * of the pair's mirrors (not the one whose own schedule is "none"), workers sync each in the simulated GitLab once,
 * and a restart of api-service afterwards starts nothing again.
 */
class ScheduledSyncEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static GitLabSimulator simulator;
    static SimulatedInstance source;
    static SimulatedInstance target;
    static MirrorMaestroSystem system;
    static ApiClient api;
    static long pair;

    @BeforeAll
    static void start() {
        simulator = GitLabSimulator.create();
        source = simulator.addInstance(InstanceOptions.of("source").withLocalRequestsAllowed(true));
        target = simulator.addInstance(InstanceOptions.of("target").withLocalRequestsAllowed(true));
        LocalDate expiry = LocalDate.now().plusDays(90);
        String sourceApi =
                source.createPersonalAccessToken(source.createUser("root", true), "m", Set.of("api"), expiry);
        String targetApi =
                target.createPersonalAccessToken(target.createUser("root", true), "m", Set.of("api"), expiry);
        source.createGroup("sched");
        target.createGroup("sched");
        String groupToken = target.createGroupAccessToken(
                target.group("sched").orElseThrow(), "sched-bot", Set.of("write_repository"), 40, expiry);
        system = TestSystem.start(Map.of("mm.api.schedule-tick", "PT1S", "mm.api.schedule-spread", "PT2S"));
        api = new ApiClient(system.apiPort());
        long s = id(api.post(
                "/api/instances",
                "{\"name\":\"s\",\"url\":\"" + source.baseUrl() + "\",\"token\":\"" + sourceApi + "\"}"));
        long t = id(api.post(
                "/api/instances",
                "{\"name\":\"t\",\"url\":\"" + target.baseUrl() + "\",\"token\":\"" + targetApi + "\"}"));
        pair = id(api.post(
                "/api/pairs",
                "{\"name\":\"nightly\",\"source_instance_id\":" + s + ",\"target_instance_id\":" + t
                        + ",\"mirror_direction\":\"push\"}"));
        id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + t + ",\"group_path\":\"sched\",\"token_name\":\"sched-bot\",\"token\":\""
                        + groupToken + "\"}"));
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
    void aPairScheduleSyncsItsMirrorsOnceAtItsTimeAndNotAgainAfterARestart() {
        List<String> projects = List.of("sched/a", "sched/b", "sched/quiet");
        List<Long> mirrors =
                projects.stream().map(ScheduledSyncEndToEndTest::mirror).toList();
        for (String project : projects) {
            // the first sync of each created mirror
            await().atMost(WAIT)
                    .until(() -> !target.receivedMirrorUpdates(project).isEmpty());
        }
        JsonNode none = api.put("/api/mirrors/" + mirrors.get(2) + "/schedule", "{\"none\":true}")
                .body();
        assertThat(none.path("schedule_source").asString()).isEqualTo("mirror");
        source.clearRequestLog();

        // once a day, a few seconds from now in Berlin: it fires once in this test
        ZonedDateTime at = ZonedDateTime.now(BERLIN).plusSeconds(8);
        String cron = at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * *";
        JsonNode set = api.put(
                        "/api/pairs/" + pair + "/schedule",
                        "{\"cron\":\"" + cron + "\",\"time_zone\":\"Europe/Berlin\"}")
                .body();
        assertThat(set.path("next_scheduled_sync_at").asString())
                .isEqualTo(at.withNano(0).toInstant().toString());

        JsonNode entry = await().atMost(WAIT)
                .until(ScheduledSyncEndToEndTest::pairEntry, e -> e.path("last_scheduled_batch_id")
                        .isString());
        String batchId = entry.path("last_scheduled_batch_id").asString();
        JsonNode batch = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/batches/" + batchId).body(),
                        b -> b.path("batch").path("status").asString().equals("completed"));
        assertThat(batch.path("batch").path("kind").asString()).isEqualTo("sync");
        assertThat(batch.path("batch").path("succeeded").asInt()).isEqualTo(2);
        assertThat(batch.path("lines").valueStream().map(l -> l.path("mirror_id")
                        .asLong()))
                .containsExactlyInAnyOrder(mirrors.get(0), mirrors.get(1));
        assertThat(syncRequests())
                .as("one sync per scheduled mirror, none for 'quiet'")
                .hasSize(2);
        assertThat(api.get("/api/activity?subject_id=batch:" + batchId + "&type=BatchStarted")
                        .body()
                        .get(0)
                        .path("actor")
                        .asString())
                .isEqualTo("schedule");

        // a restart reads the persisted next run (tomorrow): nothing is started again
        system.stopApi();
        system.startApi(0);
        api = new ApiClient(system.apiPort());
        await().pollDelay(Duration.ofSeconds(4)).atMost(WAIT).until(() -> true);
        assertThat(api.get("/api/batches?kind=sync&instance_pair_id=" + pair)
                        .body()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(syncRequests()).hasSize(2);
        assertThat(pairEntry().path("next_scheduled_sync_at").asString())
                .isEqualTo(at.plusDays(1).withNano(0).toInstant().toString());
    }

    private static List<?> syncRequests() {
        return source.requestLog().stream()
                .filter(e -> e.method().equals("POST") && e.apiPath().matches(".*/remote_mirrors/\\d+/sync$"))
                .toList();
    }

    private static JsonNode pairEntry() {
        return api.get("/api/schedules?instance_pair_id=" + pair)
                .body()
                .valueStream()
                .filter(e -> e.path("scope").asString().equals("pair"))
                .findFirst()
                .orElseThrow();
    }

    private static long mirror(String project) {
        source.createProject(project);
        target.createProject(project);
        long id = id(api.post(
                "/api/mirrors",
                "{\"instance_pair_id\":" + pair + ",\"source_project_path\":\"" + project
                        + "\",\"target_project_path\":\"" + project + "\"}"));
        await().atMost(WAIT)
                .until(
                        () -> api.get("/api/mirrors/" + id)
                                .body()
                                .path("lifecycle")
                                .asString(),
                        l -> {
                            assertThat(l).isNotEqualTo("failed");
                            return l.equals("active");
                        });
        return id;
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 202);
        return response.body().path("id").asLong();
    }
}
