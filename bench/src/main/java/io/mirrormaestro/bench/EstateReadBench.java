package io.mirrormaestro.bench;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.mirrormaestro.embedded.EmbeddedStack;
import io.mirrormaestro.launcher.MirrorMaestroSystem;
import io.mirrormaestro.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.UuidRepresentation;

/**
 * The estate views' read endpoints (dashboard, topology, search, health) and a mirrors page with N mirrors in the
 * embedded MongoDB: p50 and p95 of 40 requests each ({@code -Druns=}), after 5 warm-up requests ({@code -Dwarmup=};
 * a JVM compiles its hot code for thousands of requests after a start), for each N given.
 *
 * <p>Run: {@code ./mvnw -B -q -Pbench -pl bench exec:java -Dbench=io.mirrormaestro.bench.EstateReadBench
 * -Dexec.args="1000 10000 100000"}
 */
public final class EstateReadBench {

    /** Requests of each kind before timing ({@code -Dwarmup=}) and timed ({@code -Druns=}). */
    private static final int WARM_UP = Integer.getInteger("warmup", 5);

    private static final int RUNS = Integer.getInteger("runs", 40);
    private static final int INSTANCES = 4;
    private static final int PAIRS = 6;

    private static final List<String> QUERIES = List.of(
            "/api/dashboard/metrics",
            "/api/dashboard/quick-stats",
            "/api/topology",
            "/api/topology/link-mirrors?source_instance_id=1&target_instance_id=2&mirror_direction=push&limit=50",
            "/api/topology/link-mirrors?source_instance_id=1&target_instance_id=2&mirror_direction=push&limit=50"
                    + "&offset=5000",
            "/api/search?q=project-42",
            "/api/health",
            "/api/health/quick",
            "/api/mirrors?page_size=50");

    private EstateReadBench() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length > 0 ? args : new String[] {"1000", "10000", "100000"}) {
            sizes.add(Integer.parseInt(arg));
        }
        List<String> rows = new ArrayList<>();
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("mm-bench-estate");
            try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 0, false);
                    MirrorMaestroSystem system = BenchSystem.on(stack, dir).startApi(0)) {
                long seeded = seed(stack.mongoConnectionString(), size);
                System.out.printf("%,d mirrors seeded in %d ms (%s)%n", size, seeded, java.time.LocalTime.now());
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                System.out.printf(
                        "heap in use after a full GC: %,d MB (embedded store, its indexes, api-service)%n",
                        (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
                ApiClient api = new ApiClient(system.apiPort());
                for (String query : QUERIES) {
                    if (!query.contains(System.getProperty("only", ""))) {
                        continue;
                    }
                    for (int i = 0; i < WARM_UP; i++) {
                        check(api.get(query), query);
                    }
                    List<Double> times = new ArrayList<>();
                    long cpu0 = processCpuNanos();
                    for (int i = 0; i < RUNS; i++) {
                        long t0 = System.nanoTime();
                        check(api.get(query), query);
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                    double cpuPerRequest = (processCpuNanos() - cpu0) / 1e6 / RUNS;
                    times.sort(Double::compare);
                    String row = "| %,d | `%s` | %.1f ms | %.1f ms | %.1f ms |"
                            .formatted(
                                    size,
                                    query,
                                    times.get(RUNS / 2),
                                    times.get((int) Math.ceil(RUNS * 0.95) - 1),
                                    cpuPerRequest);
                    rows.add(row);
                    System.out.println(row);
                }
            }
        }
        System.out.println();
        System.out.println("| Mirrors | Request | p50 | p95 | CPU per request |");
        System.out.println("|---:|---|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    /** CPU time of this whole process (API, embedded store and client alike): steadier than wall time on a busy machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void check(ApiClient.Response response, String query) {
        if (response.status() != 200) {
            throw new IllegalStateException(query + " answered " + response.status() + ": " + response.text());
        }
    }

    /**
     * Instances, pairs (push and pull), N mirrors over 100 groups with every status, some stale, some never
     * synced, a tenth disabled, and 24 hours of sync outcomes in the activity log, straight into MongoDB.
     */
    private static long seed(String mongoUri, int count) {
        long t0 = System.nanoTime();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(mongoUri))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .build();
        Instant now = Instant.now();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoDatabase db = client.getDatabase("bench");
            for (long i = 1; i <= INSTANCES; i++) {
                db.getCollection("instances")
                        .insertOne(new Document("_id", i)
                                .append("name", "gitlab-" + i)
                                .append("url", "https://gitlab-" + i + ".example.com")
                                .append("description", "instance " + i)
                                .append("gitlab_version", "17.8.2-ee")
                                .append("gitlab_edition", "ee")
                                .append("token_scopes", List.of("api"))
                                .append("token_expires_at", date(LocalDate.now().plusDays(20 * i)))
                                .append("created_at", Date.from(now))
                                .append("updated_at", Date.from(now)));
            }
            for (long p = 1; p <= PAIRS; p++) {
                long source = (p - 1) % INSTANCES + 1;
                long target = p % INSTANCES + 1;
                db.getCollection("pairs")
                        .insertOne(new Document("_id", p)
                                .append("name", "pair-" + p)
                                .append("source_instance_id", source)
                                .append("target_instance_id", target)
                                .append("mirror_direction", p % 3 == 0 ? "pull" : "push")
                                .append("mirror_protected_branches", true)
                                .append("mirror_overwrite_diverged", false)
                                .append("mirror_trigger_builds", false)
                                .append("only_mirror_protected_branches", false)
                                .append("created_at", Date.from(now))
                                .append("updated_at", Date.from(now)));
            }
            String[] statuses = {"finished", "finished", "finished", "failed", "started", "scheduled", "none"};
            List<Document> batch = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                long pair = (i % PAIRS) + 1;
                long source = (pair - 1) % INSTANCES + 1;
                long target = pair % INSTANCES + 1;
                String status = statuses[i % statuses.length];
                String path = "group-" + (i % 100) + "/sub-" + (i % 7) + "/project-" + i;
                Instant lastSuccess = i % 11 == 0 ? null : now.minus(Duration.ofMinutes((i * 37L) % (60 * 24 * 10)));
                batch.add(new Document("_id", (long) i)
                        .append("instance_pair_id", pair)
                        .append("source_instance_id", source)
                        .append("target_instance_id", target)
                        .append("source_project_id", (long) i)
                        .append("source_project_path", path)
                        .append("target_project_id", (long) i)
                        .append("target_project_path", path)
                        .append("mirror_direction", pair % 3 == 0 ? "pull" : "push")
                        .append("overrides", new Document())
                        .append("enabled", i % 10 != 0)
                        .append("lifecycle", "active")
                        .append("mirror_id", (long) i)
                        .append("token_expires_at", date(LocalDate.now().plusDays(i % 60)))
                        .append("last_update_status", status)
                        .append("last_update_at", Date.from(now.minus(Duration.ofMinutes(i % 600))))
                        .append("last_update_started_at", Date.from(now.minus(Duration.ofMinutes(i % 600))))
                        .append("last_successful_update", lastSuccess == null ? null : Date.from(lastSuccess))
                        .append(
                                "last_error",
                                "failed".equals(status) ? "13:get remote references: exit status 128" : null)
                        .append("drift", List.of())
                        .append("stuck", i % 97 == 0)
                        .append("orphaned", false)
                        .append("created_at", Date.from(now))
                        .append("updated_at", Date.from(now.minus(Duration.ofMinutes(i % 600)))));
                if (batch.size() == 1000) {
                    db.getCollection("mirrors").insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                db.getCollection("mirrors").insertMany(batch);
            }
            List<Document> activity = new ArrayList<>();
            for (int i = 0; i < Math.min(count, 5_000); i++) {
                boolean failed = i % 5 == 0;
                activity.add(new Document("_id", UUID.randomUUID())
                        .append("command_id", UUID.randomUUID())
                        .append("type", failed ? "CommandFailed" : "MirrorSyncRequested")
                        .append("command_type", "SyncMirror")
                        .append("subject_id", "mirror:" + (i + 1))
                        .append("outcome", failed ? "failed" : "succeeded")
                        .append("message", failed ? "GitLab refused the sync" : "sync requested")
                        .append("occurred_at", Date.from(now.minus(Duration.ofSeconds((i * 17L) % 86_400))))
                        // what the api-service adds as it writes an entry (ActivityFacets)
                        .append("subject_type", "mirror")
                        .append(
                                "occurred_hour",
                                Date.from(now.minus(Duration.ofSeconds((i * 17L) % 86_400))
                                        .truncatedTo(java.time.temporal.ChronoUnit.HOURS))));
            }
            db.getCollection("activity").insertMany(activity);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
