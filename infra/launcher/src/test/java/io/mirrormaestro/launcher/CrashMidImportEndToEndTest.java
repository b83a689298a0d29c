package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.BatchInvariants;
import io.mirrormaestro.testing.ImportFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An import whose services stop half-way and start again with the same data (issue #12's stuck batch): api-service
 * stops while workers go on, so outcome events are published with no api-service reading them; then the worker
 * stops mid-work too, and both start again. The batch completes with counters equal to its lines, every command
 * ended, the activity log lost nothing, and GitLab holds exactly one mirror per line.
 */
class CrashMidImportEndToEndTest {

    private static final int MIRRORS = 300;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void anImportSurvivesApiServiceAndTheWorkerStoppingMidWay() {
        try (PushPairEstate estate = PushPairEstate.start(
                "crash",
                "crash",
                Map.of(
                        "mm.api.batch-chunk", "25",
                        "mm.api.batch-window", "50",
                        "mm.api.batch-settle-every", "PT2S",
                        "mm.worker.lease", "PT6S"))) {
            SimulatedInstance source = estate.source;
            SimulatedInstance target = estate.target;
            List<String> projects = new ArrayList<>();
            for (int i = 0; i < MIRRORS; i++) {
                projects.add("crash/p-" + i);
                source.createProject("crash/p-" + i);
                target.createProject("crash/p-" + i);
            }
            MirrorMaestroSystem system = estate.system;
            ApiClient api = estate.api;
            long pair = estate.pair;
            source.faults().setLatency(Duration.ofMillis(15), Duration.ZERO);

            String batchId = api.post("/api/export/pair/" + pair, file(projects))
                    .body()
                    .path("batch_id")
                    .asString();
            await().atMost(WAIT)
                    .until(() -> counters(api, batchId).path("succeeded").asInt() >= 30);

            system.stopApi();
            int before = inGitLab(source, projects);
            // the worker goes on with what it was given; nobody reads its outcome events live
            await().atMost(WAIT).until(() -> inGitLab(source, projects) >= Math.min(before + 20, 50));
            system.stopWorker();
            system.startApi(0).startWorker();

            ApiClient restarted = new ApiClient(system.apiPort());
            JsonNode done = await().atMost(WAIT).until(() -> counters(restarted, batchId), b -> !b.path("status")
                    .asString()
                    .equals("running"));
            assertThat(done.path("status").asString()).isEqualTo("completed");
            assertThat(done.path("succeeded").asInt()).isEqualTo(MIRRORS);
            assertThat(BatchInvariants.check(restarted, batchId)).isEmpty();
            for (String project : projects) {
                assertThat(source.pushMirrors(project))
                        .as("GitLab mirrors of %s", project)
                        .hasSize(1);
            }
            assertThat(restarted
                            .get("/api/mirrors?instance_pair_id=" + pair)
                            .body()
                            .path("total")
                            .asInt())
                    .isEqualTo(MIRRORS);
        }
    }

    private static int inGitLab(SimulatedInstance source, List<String> projects) {
        return (int)
                projects.stream().filter(p -> !source.pushMirrors(p).isEmpty()).count();
    }

    private static JsonNode counters(ApiClient api, String batchId) {
        return api.get("/api/batches/" + batchId + "?lines_page_size=0").body().path("batch");
    }

    private static String file(List<String> projects) {
        return ImportFiles.betweenEqualPaths(projects);
    }
}
