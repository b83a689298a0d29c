package io.mirrormaestro.bench;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.embedded.EmbeddedStack;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.launcher.MirrorMaestroSystem;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.worker.WorkerApplication;
import io.mirrormaestro.worker.mirror.RefreshSweep;
import io.mirrormaestro.worker.mirror.RefreshSweepHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The background status refresh of N push mirrors over P source projects (default 10,000 over 2,000) on a simulated
 * GitLab answering after 20 ms, without a rate limit and with GitLab's limit of 2,000 requests per minute (the worker
 * given 95 % of it, {@code MM_GITLAB_REQUESTS_PER_MINUTE=1900}, so the refresh budget is {@code MM_REFRESH_RATE_SHARE}
 * 25 % of that: 475 per minute). The mirrors and the simulator's projects and push mirrors are seeded directly.
 *
 * <p>Per rate limit, three refreshes of the whole estate: the recurring sweep with every project due (its cadences
 * set to its tick, the sweep run at once instead of waiting for JobRunr's timer), which finds every mirror changed;
 * the same sweep again on the unchanged estate; a "refresh now" of the pair ({@code POST /api/mirrors/refresh},
 * outside the budget). For each: GitLab requests by endpoint (simulator's request log), time until every project was
 * asked, the achieved request rate against the budget and the most requests in any 60 s, mirrors whose document
 * changed in MongoDB, events published, CPU seconds of this JVM (services, embedded stack and simulator alike).
 *
 * <p>Run: {@code ./mvnw -B -q -Pbench -pl bench exec:java -Dbench=io.mirrormaestro.bench.RefreshBench
 * -Dexec.args="0 2000"} (GitLab rate limits per minute; 0 for none). {@code -Dprojects=} and {@code -Dper.project=}
 * change the estate, {@code -Dsweeps=1} leaves out the second sweep.
 */
public final class RefreshBench {

    private static final int LATENCY_MS = 20;
    private static final Duration QUIET = Duration.ofSeconds(3);

    private RefreshBench() {}

    record Row(
            String limit,
            String refresh,
            int projects,
            int mirrors,
            Map<String, Integer> byEndpoint,
            int requests,
            int throttled,
            double allAskedSeconds,
            double ratePerMinute,
            int budgetPerMinute,
            int maxIn60s,
            int mirrorsWritten,
            long events,
            long refreshEvents,
            double cpuSeconds) {}

    public static void main(String[] args) throws Exception {
        int projects = Integer.getInteger("projects", 2000);
        int perProject = Integer.getInteger("per.project", 5);
        List<Integer> limits = new ArrayList<>();
        for (String arg : args.length > 0 ? String.join(" ", args).split("\\s+") : new String[] {"0", "2000"}) {
            limits.add(Integer.parseInt(arg));
        }
        List<Row> rows = new ArrayList<>();
        for (int limit : limits) {
            rows.addAll(run(projects, perProject, limit));
        }
        System.out.println();
        System.out.println(
                "| GitLab limit | Refresh | Projects | Mirrors | Requests | By endpoint | 429s | All asked after"
                        + " | Rate | Budget | Most in 60 s | Mirrors written | Events (status_refreshed) | CPU |");
        System.out.println("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(
                    "| %s | %s | %,d | %,d | %,d | %s | %d | %.1f s | %,.0f/min | %s | %,d | %,d | %,d (%,d) | %.1f s |%n",
                    r.limit(),
                    r.refresh(),
                    r.projects(),
                    r.mirrors(),
                    r.requests(),
                    r.byEndpoint().entrySet().stream()
                            .map(e -> "`" + e.getKey() + "` " + e.getValue())
                            .collect(Collectors.joining(", ")),
                    r.throttled(),
                    r.allAskedSeconds(),
                    r.ratePerMinute(),
                    r.budgetPerMinute() == 0
                            ? "-"
                            : "%,d/min (%.1f %%)"
                                    .formatted(r.budgetPerMinute(), 100.0 * r.ratePerMinute() / r.budgetPerMinute()),
                    r.maxIn60s(),
                    r.mirrorsWritten(),
                    r.events(),
                    r.refreshEvents(),
                    r.cpuSeconds());
        }
        System.exit(0);
    }

    private static List<Row> run(int projects, int perProject, int limit) throws Exception {
        Path dir = Files.createTempDirectory("mm-bench-refresh");
        List<Row> rows = new ArrayList<>();
        String limitName = limit == 0 ? "none" : "%,d/min".formatted(limit);
        // the worker's own limiter at 95 % of GitLab's, as README advises; the refresh budget is its share of that
        int workerRate = limit * 95 / 100;
        int budget = 0;
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 0, false);
                GitLabSimulator simulator = GitLabSimulator.create()) {
            SimulatedInstance a = simulator.addInstance(InstanceOptions.of("a").withLocalRequestsAllowed(true));
            SimulatedInstance b = simulator.addInstance(InstanceOptions.of("b").withLocalRequestsAllowed(true));
            LocalDate expiry = LocalDate.now().plusDays(30);
            String tokenA = a.createPersonalAccessToken(a.createUser("root", true), "m", Set.of("api"), expiry);
            String tokenB = b.createPersonalAccessToken(b.createUser("root", true), "m", Set.of("api"), expiry);
            long t0 = System.nanoTime();
            List<SimProject> sources = new ArrayList<>();
            long[][] mirrorIds = new long[projects][perProject];
            for (int p = 0; p < projects; p++) {
                SimProject project = a.createProject("team-" + (p % 20) + "/svc-" + p);
                sources.add(project);
                for (int k = 0; k < perProject; k++) {
                    mirrorIds[p][k] = a.createPushMirror(
                            project, b.baseUrl() + "/team-" + (p % 20) + "/svc-" + p + "-" + k + ".git", true);
                }
            }

            Map<String, Object> settings = new HashMap<>(BenchSystem.settings(stack, dir));
            // every project due at each sweep, and the recurring sweep itself not before an hour: the bench runs it
            for (String cadence :
                    List.of("tick", "active-interval", "failed-interval", "healthy-interval", "disabled-interval")) {
                settings.put("mm.worker.refresh." + cadence, "PT1H");
            }
            settings.put("mm.worker.refresh.recent", "PT1S");
            settings.put("mm.worker.gitlab.requests-per-minute", String.valueOf(workerRate));
            if (limit > 0) {
                budget = Math.max(1, workerRate * 25 / 100);
            }
            settings.put("logging.include-application-name", false);
            try (MirrorMaestroSystem system = new MirrorMaestroSystem(settings).startApi(0);
                    ConfigurableApplicationContext worker = WorkerApplication.builder()
                            .properties("spring.main.banner-mode=off")
                            .run(settings.entrySet().stream()
                                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                                    .toArray(String[]::new))) {
                ApiClient api = new ApiClient(system.apiPort());
                long ia = id(api.post(
                        "/api/instances",
                        "{\"name\":\"a\",\"url\":\"" + a.baseUrl() + "\",\"token\":\"" + tokenA + "\"}"));
                long ib = id(api.post(
                        "/api/instances",
                        "{\"name\":\"b\",\"url\":\"" + b.baseUrl() + "\",\"token\":\"" + tokenB + "\"}"));
                long pair = id(api.post(
                        "/api/pairs",
                        "{\"name\":\"p\",\"source_instance_id\":" + ia + ",\"target_instance_id\":" + ib
                                + ",\"mirror_direction\":\"push\"}"));
                MongoClientSettings mongoSettings = MongoClientSettings.builder()
                        .applyConnectionString(new com.mongodb.ConnectionString(stack.mongoConnectionString()))
                        .uuidRepresentation(UuidRepresentation.STANDARD)
                        .build();
                try (MongoClient mongo = MongoClients.create(mongoSettings)) {
                    MongoDatabase db = mongo.getDatabase("bench");
                    seed(db, sources, mirrorIds, pair, ia, ib);
                    System.out.printf(
                            "%n== GitLab limit %s: %,d push mirrors over %,d projects, system started and seeded in %.1f s; GitLab answers"
                                    + " after %d ms; worker limit %s, refresh budget %s ==%n",
                            limitName,
                            projects * perProject,
                            projects,
                            (System.nanoTime() - t0) / 1e9,
                            LATENCY_MS,
                            workerRate == 0 ? "none" : workerRate + "/min",
                            budget == 0 ? "none" : budget + "/min");
                    for (SimulatedInstance gitlab : List.of(a, b)) {
                        gitlab.faults().setLatency(Duration.ofMillis(LATENCY_MS), Duration.ZERO);
                        gitlab.faults().setRateLimitPerMinute(limit);
                    }
                    RefreshSweepHandler sweep = worker.getBean(RefreshSweepHandler.class);
                    int sweeps = Integer.getInteger("sweeps", 2);
                    for (int s = 1; s <= sweeps; s++) {
                        String name = s == 1 ? "sweep, all due" : "sweep again, unchanged";
                        rows.add(measure(limitName, name, budget, projects, perProject, a, b, db, stack, () -> {
                            // as if every worker had been down: every project due again at the next sweep
                            db.getCollection("refresh_state").deleteMany(new Document());
                            sweep.run(new RefreshSweep());
                        }));
                    }
                    rows.add(measure(
                            limitName,
                            "refresh now (outside the budget)",
                            0,
                            projects,
                            perProject,
                            a,
                            b,
                            db,
                            stack,
                            () -> {
                                ApiClient.Response accepted =
                                        api.post("/api/mirrors/refresh", "{\"instance_pair_id\":" + pair + "}");
                                if (accepted.status() != 202) {
                                    throw new IllegalStateException(accepted.status() + " " + accepted.text());
                                }
                                System.out.println("  refresh now: "
                                        + accepted.body().path("mirrors").asInt() + " mirrors");
                            }));
                }
            }
        }
        return rows;
    }

    /** Starts one refresh and waits until GitLab has been asked about every project and then stays quiet. */
    private static Row measure(
            String limitName,
            String name,
            int budget,
            int projects,
            int perProject,
            SimulatedInstance a,
            SimulatedInstance b,
            MongoDatabase db,
            EmbeddedStack stack,
            Runnable start)
            throws Exception {
        Thread.sleep(QUIET.toMillis()); // the previous refresh's last writes and events
        a.clearRequestLog();
        b.clearRequestLog();
        Map<Long, Integer> before = snapshot(db);
        Map<TopicPartition, Long> eventsBefore = endOffsets(stack);
        double cpu0 = processCpuSeconds();
        Instant started = Instant.now();
        start.run();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        Set<String> asked = new HashSet<>();
        int seen = 0;
        long lastGrowth = System.nanoTime();
        while (true) {
            List<RequestLogEntry> log = a.requestLog();
            if (log.size() > seen) {
                seen = log.size();
                lastGrowth = System.nanoTime();
                log.forEach(e -> asked.add(e.apiPath()));
            }
            long remoteMirrorReads =
                    asked.stream().filter(p -> p.endsWith("/remote_mirrors")).count();
            if (remoteMirrorReads >= projects && System.nanoTime() - lastGrowth > QUIET.toNanos()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                System.out.printf("  gave up after 30 min: %d of %d projects asked%n", remoteMirrorReads, projects);
                break;
            }
            Thread.sleep(100);
        }
        double cpu = processCpuSeconds() - cpu0;
        Thread.sleep(2000); // events still on their way to the broker
        List<RequestLogEntry> log = new ArrayList<>(a.requestLog());
        log.addAll(b.requestLog());
        Map<String, Integer> byEndpoint = new TreeMap<>();
        Map<String, Instant> firstAsked = new HashMap<>();
        List<Instant> times = new ArrayList<>();
        int throttled = 0;
        for (RequestLogEntry e : log) {
            byEndpoint.merge(e.method() + " " + e.apiPath().replaceAll("/\\d+", "/:id"), 1, Integer::sum);
            if (e.status() == 429) {
                throttled++;
            } else {
                times.add(e.at());
            }
            firstAsked.merge(e.apiPath(), e.at(), (x, y) -> x.isBefore(y) ? x : y);
        }
        times.sort(null);
        Instant lastFirst = firstAsked.values().stream().max(Instant::compareTo).orElse(started);
        double allAsked = Duration.between(started, lastFirst).toMillis() / 1000.0;
        double span = times.size() < 2
                ? 0
                : Duration.between(times.get(0), times.get(times.size() - 1)).toMillis() / 1000.0;
        double firstAfter =
                times.isEmpty() ? 0 : Duration.between(started, times.get(0)).toMillis() / 1000.0;
        double rate = span == 0 ? 0 : (times.size() - 1) / span * 60;
        int maxIn60 = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (j < times.size() && times.get(j).isBefore(times.get(i).plusSeconds(60))) {
                j++;
            }
            maxIn60 = Math.max(maxIn60, j - i);
        }
        Map<Long, Integer> after = snapshot(db);
        int written = 0;
        for (Map.Entry<Long, Integer> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                written++;
            }
        }
        long[] events = events(stack, eventsBefore);
        Row row = new Row(
                limitName,
                name,
                projects,
                projects * perProject,
                byEndpoint,
                log.size(),
                throttled,
                allAsked,
                rate,
                budget,
                maxIn60,
                written,
                events[0],
                events[1],
                cpu);
        System.out.printf(
                "  %s: %,d requests %s, %d x 429, first request after %.1f s, every project asked after %.1f s, %,.0f requests/min (first to last"
                        + " request, %.1f s), most in 60 s %,d; mirrors written %,d, events %,d (status_refreshed %,d),"
                        + " CPU %.1f s%n",
                name,
                log.size(),
                byEndpoint,
                throttled,
                firstAfter,
                allAsked,
                rate,
                span,
                maxIn60,
                written,
                events[0],
                events[1],
                cpu);
        return row;
    }

    /** Every mirror document's hash, to count the documents a refresh changed. */
    private static Map<Long, Integer> snapshot(MongoDatabase db) {
        Map<Long, Integer> hashes = new HashMap<>();
        for (Document d : db.getCollection("mirrors").find()) {
            hashes.put(((Number) d.get("_id")).longValue(), d.toJson().hashCode());
        }
        return hashes;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedStack stack) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<TopicPartition, Long> endOffsets(EmbeddedStack stack) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(stack)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** Events published since {@code before}: all of them, and those a status refresh published. */
    private static long[] events(EmbeddedStack stack, Map<TopicPartition, Long> before) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(stack)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(before.keySet());
            consumer.assign(before.keySet());
            long total = 0;
            for (TopicPartition p : before.keySet()) {
                consumer.seek(p, before.get(p));
                total += end.get(p) - before.get(p);
            }
            long refresh = 0;
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        read++;
                        if (new String(r.value(), StandardCharsets.UTF_8).contains("status_refreshed")) {
                            refresh++;
                        }
                    }
                }
            }
            return new long[] {total, refresh};
        }
    }

    /**
     * Source projects' push mirrors as our records after a sync request: {@code scheduled}, nothing known from GitLab
     * yet, so the first refresh finds every mirror changed.
     */
    private static void seed(
            MongoDatabase db, List<SimProject> sources, long[][] mirrorIds, long pair, long source, long target) {
        Date now = new Date();
        List<Document> batch = new ArrayList<>();
        long id = 0;
        for (int p = 0; p < sources.size(); p++) {
            SimProject project = sources.get(p);
            for (int k = 0; k < mirrorIds[p].length; k++) {
                id++;
                batch.add(new Document("_id", id)
                        .append("instance_pair_id", pair)
                        .append("source_instance_id", source)
                        .append("target_instance_id", target)
                        .append("source_project_id", project.id())
                        .append("source_project_path", project.pathWithNamespace())
                        .append("target_project_id", 100_000L + id)
                        .append("target_project_path", project.pathWithNamespace() + "-" + k)
                        .append("mirror_direction", "push")
                        .append("overrides", new Document())
                        .append("enabled", true)
                        .append("lifecycle", "active")
                        .append("mirror_id", mirrorIds[p][k])
                        .append("last_update_status", "scheduled")
                        .append("last_update_at", null)
                        .append("last_update_started_at", null)
                        .append("last_successful_update", null)
                        .append("last_error", null)
                        .append("drift", List.of())
                        .append("stuck", false)
                        .append("orphaned", false)
                        .append("created_at", now)
                        .append("updated_at", now));
                if (batch.size() == 1000) {
                    db.getCollection("mirrors").insertMany(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            db.getCollection("mirrors").insertMany(batch);
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private static long id(ApiClient.Response response) {
        if (response.status() != 200 && response.status() != 201 && response.status() != 202) {
            throw new IllegalStateException(response.status() + " " + response.text());
        }
        return response.body().path("id").asLong();
    }
}
