package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Importing a mirrors file: validated whole, carried out by workers as a batch, reported per line. */
class ImportBatchEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    static PushPairEstate estate;
    static SimulatedInstance source;
    static SimulatedInstance target;
    static MirrorMaestroSystem system;
    static ApiClient api;
    static long pair;

    @BeforeAll
    static void start() {
        // small chunks and window, so a cancelled batch still has lines waiting to be handed out
        estate = PushPairEstate.start("imp", "imp", Map.of("mm.api.batch-chunk", "10", "mm.api.batch-window", "20"));
        source = estate.source;
        target = estate.target;
        system = estate.system;
        api = estate.api;
        pair = estate.pair;
    }

    @AfterEach
    void calm() {
        source.faults().reset();
    }

    @AfterAll
    static void stop() {
        if (estate != null) {
            estate.close();
        }
    }

    @Test
    void aFileIsCarriedOutLineByLineAndReImportingItSkipsEverything() throws Exception {
        List<String> projects = projects(5);
        String file = file(projects, "imp/does-not-exist");
        try (ActivitySubscriber progress = new ActivitySubscriber(system.apiPort(), null)) {
            JsonNode accepted = api.post("/api/export/pair/" + pair, file).body();
            assertThat(accepted.path("total").asInt()).isEqualTo(6);
            String batchId = accepted.path("batch_id").asString();
            progress.subscribe("/topic/batches/" + batchId);

            JsonNode done = awaitBatch(batchId);
            assertThat(done.path("batch").path("status").asString()).isEqualTo("completed");
            assertThat(done.path("batch").path("succeeded").asInt()).isEqualTo(5);
            assertThat(done.path("batch").path("failed").asInt()).isEqualTo(1);
            JsonNode failedLine = api.get("/api/batches/" + batchId + "?line_status=failed")
                    .body()
                    .path("lines")
                    .get(0);
            assertThat(failedLine.path("line").asInt()).isEqualTo(6);
            assertThat(failedLine.path("message").asString()).contains("imp/does-not-exist");
            for (String project : projects) {
                assertThat(source.pushMirrors(project)).as(project).hasSize(1);
            }
            await().atMost(WAIT).until(() -> progress.all().stream()
                    .anyMatch(f -> f.path("status").asString().equals("completed")));
            List<Long> sequence = progress.all().stream()
                    .map(f -> f.path("sequence").asLong())
                    .toList();
            assertThat(sequence).isSorted().doesNotHaveDuplicates();
        }

        JsonNode again = awaitBatch(api.post("/api/export/pair/" + pair, file(projects))
                .body()
                .path("batch_id")
                .asString());
        assertThat(again.path("batch").path("skipped").asInt()).isEqualTo(5);
        assertThat(again.path("lines").get(0).path("message").asString()).contains("already mirrored");
        for (String project : projects) {
            assertThat(source.pushMirrors(project)).hasSize(1);
        }
    }

    @Test
    void anInvalidFileStartsNothingAndNamesTheFirstBadLine() {
        long before = api.get("/api/mirrors").body().path("total").asLong();
        String badPath = "{\"mirrors\":[{\"source_project_path\":\"imp/a\",\"target_project_path\":\"imp/a\"},"
                + "{\"source_project_path\":\"imp/b\",\"target_project_path\":\"no slash\"}]}";
        ApiClient.Response response = api.post("/api/export/pair/" + pair, badPath);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo("mirrors[1].target_project_path");
        assertThat(response.body().path("detail").asString()).contains("line 2");

        String duplicate = "{\"mirrors\":[{\"source_project_path\":\"imp/a\",\"target_project_path\":\"imp/a\"},"
                + "{\"source_project_path\":\"imp/a\",\"target_project_path\":\"imp/a\"}]}";
        assertThat(api.post("/api/export/pair/" + pair, duplicate)
                        .body()
                        .path("detail")
                        .asString())
                .contains("repeats line 1");
        assertThat(api.post(
                                "/api/export/pair/" + pair,
                                "{\"mirrors\":[{\"source_project_path\":\"imp/a\","
                                        + "\"target_project_path\":\"imp/a\",\"enabled\":\"yes\"}]}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/export/pair/" + pair, "[1,2]").status()).isEqualTo(422);
        assertThat(api.post("/api/export/pair/" + pair, "{nope").status()).isEqualTo(422);
        assertThat(api.get("/api/mirrors").body().path("total").asLong()).isEqualTo(before);
    }

    @Test
    void cancellingStopsPendingLinesAndAWorkerRestartLosesAndDuplicatesNothing() {
        source.faults().setLatency(Duration.ofMillis(40), Duration.ZERO);
        List<String> projects = projects(40);
        String batchId = api.post("/api/export/pair/" + pair, file(projects))
                .body()
                .path("batch_id")
                .asString();
        await().atMost(WAIT)
                .until(() -> api.get("/api/batches/" + batchId)
                                .body()
                                .path("batch")
                                .path("succeeded")
                                .asInt()
                        >= 3);
        system.stopWorker();
        system.startWorker();
        JsonNode done = awaitBatch(batchId);
        assertThat(done.path("batch").path("succeeded").asInt()).isEqualTo(40);
        for (String project : projects) {
            assertThat(source.pushMirrors(project)).as(project).hasSize(1);
        }

        List<String> more = projects(400);
        String cancelled = api.post("/api/export/pair/" + pair, file(more))
                .body()
                .path("batch_id")
                .asString();
        JsonNode afterCancel =
                api.post("/api/batches/" + cancelled + "/cancel", "").body();
        assertThat(afterCancel.path("status").asString()).isIn("cancelling", "cancelled");
        JsonNode end = awaitBatch(cancelled);
        JsonNode counts = end.path("batch");
        assertThat(counts.path("status").asString()).isEqualTo("cancelled");
        assertThat(counts.path("cancelled").asInt()).isPositive();
        assertThat(counts.path("succeeded").asInt()
                        + counts.path("failed").asInt()
                        + counts.path("skipped").asInt()
                        + counts.path("cancelled").asInt())
                .isEqualTo(400);
        long inGitLab =
                more.stream().filter(p -> !source.pushMirrors(p).isEmpty()).count();
        assertThat(inGitLab).isEqualTo(counts.path("succeeded").asLong());
    }

    @Test
    void operationsOverASelectionAreBatchesThatCountTruthfully() {
        List<String> projects = projects(6);
        JsonNode imported = awaitBatch(api.post("/api/export/pair/" + pair, file(projects))
                .body()
                .path("batch_id")
                .asString());
        List<Long> ids = new ArrayList<>();
        api.get("/api/batches/" + imported.path("batch").path("batch_id").asString())
                .body()
                .path("lines")
                .forEach(l -> ids.add(l.path("mirror_id").asLong()));
        String selection = "\"mirror_ids\":" + ids;

        JsonNode disabled = awaitBatch(start("disable", selection, ids.size()));
        assertThat(disabled.path("batch").path("succeeded").asInt()).isEqualTo(6);
        await().atMost(WAIT).until(() -> projects.stream()
                .allMatch(p -> !source.pushMirrors(p).get(0).enabled()));

        api.post(
                "/api/mirrors/batch", "{\"action\":\"enable\",\"mirror_ids\":[" + ids.get(0) + "," + ids.get(1) + "]}");
        await().atMost(WAIT)
                .until(() -> source.pushMirrors(projects.get(0)).get(0).enabled()
                        && source.pushMirrors(projects.get(1)).get(0).enabled());
        JsonNode synced = awaitBatch(start("sync", selection, 6));
        assertThat(synced.path("batch").path("succeeded").asInt())
                .as("the two enabled ones")
                .isEqualTo(2);
        assertThat(synced.path("batch").path("failed").asInt())
                .as("disabled ones are not synced, and say so")
                .isEqualTo(4);
        JsonNode failedLine = api.get(
                        "/api/batches/" + synced.path("batch").path("batch_id").asString() + "?line_status=failed")
                .body()
                .path("lines")
                .get(0);
        assertThat(failedLine.path("message").asString()).contains("disabled");

        JsonNode deleted = awaitBatch(start("delete", selection, 6));
        assertThat(deleted.path("batch").path("succeeded").asInt()).isEqualTo(6);
        assertThat(projects).allSatisfy(p -> assertThat(source.pushMirrors(p)).isEmpty());

        assertThat(api.post("/api/mirrors/batch", "{\"action\":\"sync\"}")
                        .body()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("all");
        assertThat(api.post("/api/mirrors/batch", "{\"action\":\"explode\",\"all\":true}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/mirrors/batch", "{\"action\":\"sync\",\"mirror_ids\":[987654321]}")
                        .status())
                .isEqualTo(422);
    }

    private static String start(String action, String selection, int expectedTotal) {
        JsonNode accepted = api.post("/api/mirrors/batch", "{\"action\":\"" + action + "\"," + selection + "}")
                .body();
        assertThat(accepted.path("total").asInt()).as(accepted.toString()).isEqualTo(expectedTotal);
        return accepted.path("batch_id").asString();
    }

    private static JsonNode awaitBatch(String batchId) {
        return await().atMost(WAIT)
                .until(() -> api.get("/api/batches/" + batchId).body(), b -> {
                    String status = b.path("batch").path("status").asString();
                    return status.equals("completed") || status.equals("cancelled");
                });
    }

    private static List<String> projects(int count) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = "imp/p-" + UUID.randomUUID().toString().substring(0, 8);
            source.createProject(path);
            target.createProject(path);
            paths.add(path);
        }
        return paths;
    }

    private static String file(List<String> projects, String... missing) {
        StringBuilder json = new StringBuilder("{\"metadata\":{\"pair_name\":\"x\"},\"pair_id\":1,\"mirrors\":[");
        List<String> all = new ArrayList<>(projects);
        all.addAll(List.of(missing));
        for (int i = 0; i < all.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"source_project_path\":\"")
                    .append(all.get(i))
                    .append("\",\"target_project_path\":\"")
                    .append(all.get(i))
                    .append("\",\"mirror_overwrite_diverged\":true,\"enabled\":true}");
        }
        return json.append("]}").toString();
    }
}
