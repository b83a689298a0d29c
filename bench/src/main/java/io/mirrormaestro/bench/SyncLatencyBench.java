package io.mirrormaestro.bench;

import io.mirrormaestro.embedded.EmbeddedStack;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.launcher.MirrorMaestroSystem;
import io.mirrormaestro.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Time from {@code POST /api/mirrors/{id}/update} to the sync call arriving at GitLab, over N syncs, with the
 * simulated GitLab answering after 0 ms and after 50 ms. Prints median, p95 and max.
 *
 * <p>Run: {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -Pbench -pl bench exec:java
 * -Dbench=io.mirrormaestro.bench.SyncLatencyBench -Dexec.args=200}
 */
public final class SyncLatencyBench {

    private SyncLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int syncs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("mm-bench-sync");
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 0, false);
                GitLabSimulator simulator = GitLabSimulator.create()) {
            // mirrors between instances on loopback: GitLab refuses their URLs unless local requests are allowed
            SimulatedInstance a = simulator.addInstance(InstanceOptions.of("a").withLocalRequestsAllowed(true));
            SimulatedInstance b = simulator.addInstance(InstanceOptions.of("b").withLocalRequestsAllowed(true));
            try (MirrorMaestroSystem system =
                    BenchSystem.on(stack, dir).startWorker().startApi(0)) {
                ApiClient api = new ApiClient(system.apiPort());
                long mirror = setUpOneMirror(api, a, b);
                System.out.println("syncs  GitLab latency  median   p95      max");
                for (int latency : new int[] {0, 50}) {
                    a.faults().setLatency(Duration.ofMillis(latency), Duration.ZERO);
                    measure(api, a, mirror, 50); // warm-up (JIT, connection pools)
                    List<Long> micros = measure(api, a, mirror, syncs);
                    Collections.sort(micros);
                    System.out.printf(
                            "%5d  %11d ms  %5.1f ms %5.1f ms %5.1f ms%n",
                            syncs, latency, at(micros, 0.50), at(micros, 0.95), micros.get(micros.size() - 1) / 1000.0);
                }
            }
        }
        System.exit(0);
    }

    private static List<Long> measure(ApiClient api, SimulatedInstance gitlab, long mirror, int count) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gitlab.clearRequestLog();
            Instant sent = Instant.now();
            JsonNode accepted =
                    api.post("/api/mirrors/" + mirror + "/update", "").body();
            Instant arrived = awaitSync(gitlab);
            micros.add(Duration.between(sent, arrived).toNanos() / 1000);
            awaitCommandDone(api, accepted.path("command_id").asString());
        }
        return micros;
    }

    private static Instant awaitSync(SimulatedInstance gitlab) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RequestLogEntry> sync = gitlab.requestLog().stream()
                    .filter(e -> e.method().equals("POST") && e.apiPath().endsWith("/sync"))
                    .findFirst();
            if (sync.isPresent()) {
                return sync.get().at();
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("no sync reached GitLab within 30 s");
    }

    private static void awaitCommandDone(ApiClient api, String commandId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String status =
                    api.get("/api/commands/" + commandId).body().path("status").asString();
            if (status.equals("succeeded") || status.equals("failed")) {
                return;
            }
        }
        throw new IllegalStateException("command " + commandId + " did not finish");
    }

    private static long setUpOneMirror(ApiClient api, SimulatedInstance a, SimulatedInstance b) {
        LocalDate expiry = LocalDate.now().plusDays(30);
        String tokenA = a.createPersonalAccessToken(a.createUser("root", true), "m", Set.of("api"), expiry);
        String tokenB = b.createPersonalAccessToken(b.createUser("root", true), "m", Set.of("api"), expiry);
        a.createProject("bench/app");
        b.createProject("bench/app");
        String groupToken = b.createGroupAccessToken(
                b.group("bench").orElseThrow(), "bench-bot", Set.of("write_repository"), 40, expiry);
        long ia = id(api.post(
                "/api/instances", "{\"name\":\"a\",\"url\":\"" + a.baseUrl() + "\",\"token\":\"" + tokenA + "\"}"));
        long ib = id(api.post(
                "/api/instances", "{\"name\":\"b\",\"url\":\"" + b.baseUrl() + "\",\"token\":\"" + tokenB + "\"}"));
        long pair = id(api.post(
                "/api/pairs",
                "{\"name\":\"p\",\"source_instance_id\":" + ia + ",\"target_instance_id\":" + ib
                        + ",\"mirror_direction\":\"push\"}"));
        id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + ib + ",\"group_path\":\"bench\",\"token_name\":\"bench-bot\",\"token\":\""
                        + groupToken + "\"}"));
        long mirror = id(api.post(
                "/api/mirrors",
                "{\"instance_pair_id\":" + pair
                        + ",\"source_project_path\":\"bench/app\",\"target_project_path\":\"bench/app\"}"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.get("/api/mirrors/" + mirror)
                .body()
                .path("lifecycle")
                .asString()
                .equals("active")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("mirror did not become active: "
                        + api.get("/api/mirrors/" + mirror).text());
            }
        }
        return mirror;
    }

    private static double at(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private static long id(ApiClient.Response response) {
        if (response.status() != 200 && response.status() != 202) {
            throw new IllegalStateException(response.status() + " " + response.text());
        }
        return response.body().path("id").asLong();
    }
}
