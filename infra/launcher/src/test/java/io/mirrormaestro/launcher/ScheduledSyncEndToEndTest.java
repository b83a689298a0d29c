package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
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

    static PushPairEstate estate;
    static SimulatedInstance source;
    static SimulatedInstance target;
    static MirrorMaestroSystem system;
    static ApiClient api;
    static long pair;

    @BeforeAll
    static void start() {
        estate = PushPairEstate.start(
                "sched", "nightly", Map.of("mm.api.schedule-tick", "PT1S", "mm.api.schedule-spread", "PT2S"));
        source = estate.source;
        target = estate.target;
        system = estate.system;
        api = estate.api;
        pair = estate.pair;
    }

    @AfterAll
    static void stop() {
        if (estate != null) {
            estate.close();
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
        long id = PushPairEstate.id(api.post(
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
}
