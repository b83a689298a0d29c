package io.mirrormaestro.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mirrormaestro.embedded.EmbeddedStack;
import io.mirrormaestro.launcher.MirrorMaestroSystem;
import io.mirrormaestro.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code GET /api/mirrors} (and the dashboard, topology and search reads) with N mirrors in the embedded MongoDB: the
 * time of typical list requests: p50, p95 and max of 40 rounds of all of them ({@code -Druns=}) after 5 warm-up
 * rounds; {@code -Donly=} keeps the requests that contain its text (for a profile of one), {@code -Dbrowser=false}
 * leaves out the first rows in the browser.
 *
 * <p>Run: {@code ./mvnw -B -q -Pbench -pl bench exec:java -Dbench=io.mirrormaestro.bench.MirrorListBench
 * -Dexec.args=100000}
 */
public final class MirrorListBench {

    /** Rounds of every request before timing ({@code -Dwarmup=}), and timed ({@code -Druns=}). */
    private static final int WARM_UP = Integer.getInteger("warmup", 5);

    private static final int RUNS = Integer.getInteger("runs", 40);

    private MirrorListBench() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("mm-bench-list");
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 0, false)) {
            try (MirrorMaestroSystem system = BenchSystem.on(stack, dir).startApi(0)) {
                long seeded = seed(stack.mongoConnectionString(), count);
                System.out.printf("%d mirrors seeded in %d ms%n", count, seeded);
                ApiClient api = new ApiClient(system.apiPort());
                List<String> queries = List.of(
                                "/api/mirrors",
                                "/api/mirrors?page=1000&page_size=50",
                                "/api/mirrors?status=failed",
                                "/api/mirrors?group_path=group-7",
                                "/api/mirrors?search=project-4242",
                                "/api/mirrors?order_by=status&order_dir=desc",
                                "/api/mirrors?token_status=expiring_soon&order_by=last_update_at",
                                "/api/dashboard/metrics",
                                "/api/topology",
                                "/api/search?q=project-42")
                        .stream()
                        .filter(query -> query.contains(System.getProperty("only", "")))
                        .toList();
                // round after round of every query, so that warming up and collections fall on all of them alike
                Map<String, Long> totals = new LinkedHashMap<>();
                Map<String, List<Long>> times = new LinkedHashMap<>();
                for (int round = 0; round < WARM_UP + RUNS; round++) {
                    for (String query : queries) {
                        long t0 = System.nanoTime();
                        ApiClient.Response response = api.get(query);
                        long took = System.nanoTime() - t0;
                        totals.put(query, response.body().path("total").asLong());
                        if (round >= WARM_UP) {
                            times.computeIfAbsent(query, q -> new ArrayList<>()).add(took);
                        }
                    }
                }
                times.forEach((query, took) -> {
                    took.sort(Long::compare);
                    System.out.printf(
                            "%-70s total=%7d  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
                            query,
                            totals.get(query),
                            LoadClients.at(took, 0.50),
                            LoadClients.at(took, 0.95),
                            LoadClients.at(took, 1.0));
                });
                if (Boolean.parseBoolean(System.getProperty("browser", "true"))) {
                    firstRowsInTheBrowser(system.apiPort());
                }
            }
        }
        System.exit(0);
    }

    /**
     * The Mirrors view in headless Chromium: time from navigation to the first rows shown ({@code
     * ui/scripts/first-rows.mjs}, needs {@code npm ci} in ui/ and Debian's chromium).
     */
    private static void firstRowsInTheBrowser(int port) throws Exception {
        Path ui = Path.of("ui").toAbsolutePath();
        if (!Files.isDirectory(ui)) {
            ui = Path.of("../ui").toAbsolutePath();
        }
        Process node = new ProcessBuilder("node", "scripts/first-rows.mjs", "http://127.0.0.1:" + port, "5")
                .directory(ui.toFile())
                .inheritIO()
                .start();
        if (node.waitFor() != 0) {
            System.out.println("first-rows measurement failed (exit " + node.exitValue() + ")");
        }
    }

    /** Inserts mirrors straight into MongoDB: 100 groups, a quarter failed, a few stuck, token expiries spread. */
    private static long seed(String mongoUri, int count) {
        long t0 = System.nanoTime();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            client.getDatabase("bench")
                    .getCollection("pairs")
                    .insertOne(new Document("_id", 1L)
                            .append("name", "bench")
                            .append("source_instance_id", 1L)
                            .append("target_instance_id", 2L)
                            .append("mirror_direction", "push")
                            .append("mirror_protected_branches", true)
                            .append("mirror_overwrite_diverged", false)
                            .append("mirror_trigger_builds", false)
                            .append("only_mirror_protected_branches", false));
            MongoCollection<Document> mirrors = client.getDatabase("bench").getCollection("mirrors");
            List<Document> batch = new ArrayList<>();
            Date now = Date.from(Instant.now());
            for (int i = 1; i <= count; i++) {
                String path = "group-" + (i % 100) + "/project-" + i;
                batch.add(new Document("_id", (long) i)
                        .append("instance_pair_id", 1L)
                        .append("source_instance_id", 1L)
                        .append("target_instance_id", 2L)
                        .append("source_project_id", (long) i)
                        .append("source_project_path", path)
                        .append("target_project_id", (long) i)
                        .append("target_project_path", path)
                        .append("mirror_direction", "push")
                        .append("overrides", new Document())
                        .append("enabled", i % 10 != 0)
                        .append("lifecycle", "active")
                        .append("mirror_id", (long) i)
                        .append(
                                "token_expires_at",
                                Date.from(LocalDate.now()
                                        .plusDays(i % 60)
                                        .atStartOfDay()
                                        .toInstant(java.time.ZoneOffset.UTC)))
                        .append("last_update_status", i % 4 == 0 ? "failed" : "finished")
                        .append("last_update_at", now)
                        .append("drift", List.of())
                        .append("stuck", i % 97 == 0)
                        .append("orphaned", false)
                        .append("created_at", now)
                        .append("updated_at", now));
                if (batch.size() == 1000) {
                    mirrors.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                mirrors.insertMany(batch);
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
