package io.mirrormaestro.bench;

import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.embedded.EmbeddedStack;
import io.mirrormaestro.embedded.FreePorts;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.ImportFiles;
import io.mirrormaestro.testing.ServiceJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Imports N push mirrors between two simulated GitLab instances through the real services, each in its own process
 * (api-service and one or two worker-services, from their executable jars), on the embedded Kafka and MongoDB.
 * Prints, per scenario: wall time from POST to batch completion, mirrors per second, GitLab requests per mirror,
 * 429s, the achieved fraction of a GitLab rate limit when one is set, and each service process's peak RSS.
 *
 * <p>Run from the repository root after {@code ./mvnw -B -q -DskipTests install}: {@code ./mvnw -B -q -Pbench -pl
 * bench exec:java -Dbench=io.mirrormaestro.bench.ImportBench -Dexec.args="..."} (see bench/README.md).
 */
public final class ImportBench {

    private static final String PASSWORD = "bench-password";

    private ImportBench() {}

    /**
     * @param clients when above 0: after the import, a second import of {@link #LOAD_IMPORT} more mirrors runs while
     *     that many API clients read and act on the estate (see {@link LoadClients})
     */
    record Scenario(int mirrors, int latencyMs, int rateLimitPerMinute, int workers, int clients) {}

    /** Mirrors imported while the clients of a load scenario run. */
    static final int LOAD_IMPORT = 3000;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("mm.root", Files.isDirectory(Path.of("api-service")) ? "." : ".."))
                .toAbsolutePath()
                .normalize();
        List<Scenario> scenarios = new ArrayList<>();
        for (String spec : (args.length > 0 ? String.join(" ", args) : "1000:0:0:1 1000:20:0:1").split("\\s+")) {
            String[] p = spec.split(":");
            scenarios.add(new Scenario(
                    Integer.parseInt(p[0]),
                    Integer.parseInt(p[1]),
                    Integer.parseInt(p[2]),
                    Integer.parseInt(p[3]),
                    p.length > 4 ? Integer.parseInt(p[4]) : 0));
        }
        System.out.println(
                "mirrors latency rate-limit workers |   wall   mirrors/s  req/mirror  429s  limit-used | RSS api  RSS workers");
        for (Scenario s : scenarios) {
            run(root, s);
        }
        System.exit(0);
    }

    private static void run(Path root, Scenario s) throws Exception {
        Path dir = Files.createTempDirectory("mm-bench-import");
        List<Process> processes = new ArrayList<>();
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 0, false);
                GitLabSimulator simulator = GitLabSimulator.create()) {
            // mirrors between instances on loopback: GitLab refuses their URLs unless local requests are allowed
            SimulatedInstance a = simulator.addInstance(InstanceOptions.of("a").withLocalRequestsAllowed(true));
            SimulatedInstance b = simulator.addInstance(InstanceOptions.of("b").withLocalRequestsAllowed(true));
            LocalDate expiry = LocalDate.now().plusDays(30);
            String tokenA = a.createPersonalAccessToken(a.createUser("root", true), "m", Set.of("api"), expiry);
            String tokenB = b.createPersonalAccessToken(b.createUser("root", true), "m", Set.of("api"), expiry);
            List<String> projects = new ArrayList<>();
            for (int i = 0; i < s.mirrors(); i++) {
                String path = "team-" + (i % 20) + "/svc-" + i;
                a.createProject(path);
                b.createProject(path);
                projects.add(path);
            }
            List<String> later = new ArrayList<>();
            for (int i = 0; i < (s.clients() > 0 ? LOAD_IMPORT : 0); i++) {
                String path = "late-" + (i % 20) + "/svc-" + i;
                a.createProject(path);
                b.createProject(path);
                later.add(path);
            }
            Map<String, String> env = new HashMap<>();
            env.put("MM_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
            env.put("MM_MONGODB_URI", stack.mongoConnectionString() + "/bench");
            env.put("MM_ENCRYPTION_KEY", TokenKey.generateBase64());
            env.put("MM_DATA_DIR", dir.toString());
            env.put("MM_AUTH_PASSWORD", PASSWORD);
            env.put("MM_ALLOW_PRIVATE_ADDRESSES", "true");
            if (s.rateLimitPerMinute() > 0) {
                // every GitLab call is a worker's: each worker gets its share of 95 % of GitLab's limit (the
                // one-command run, workers 0, holds one)
                env.put(
                        "MM_GITLAB_REQUESTS_PER_MINUTE",
                        String.valueOf(s.rateLimitPerMinute() * 95 / 100 / Math.max(1, s.workers())));
            }
            int port = FreePorts.pick();
            Map<String, String> apiEnv = new HashMap<>(env);
            apiEnv.put("MM_HTTP_PORT", String.valueOf(port));
            String mongoUri = stack.mongoConnectionString();
            String database = "bench";
            if (s.workers() == 0) {
                // the one-command run as the README starts it: java -jar, no JVM flags, its own embedded stack
                int mongoPort = FreePorts.pick();
                apiEnv.remove("MM_KAFKA_BOOTSTRAP_SERVERS");
                apiEnv.remove("MM_MONGODB_URI");
                apiEnv.put("MM_DEMO", "false");
                apiEnv.put("MM_EMBEDDED_KAFKA_PORT", String.valueOf(FreePorts.pick()));
                apiEnv.put("MM_EMBEDDED_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.pick()));
                apiEnv.put("MM_EMBEDDED_MONGODB_PORT", String.valueOf(mongoPort));
                mongoUri = "mongodb://127.0.0.1:" + mongoPort;
                database = "mirror-maestro";
                ProcessBuilder launcher = new ProcessBuilder(
                        "java",
                        "-jar",
                        root.resolve("infra/launcher/target/mirror-maestro.jar").toString());
                launcher.environment().putAll(apiEnv);
                launcher.redirectErrorStream(true)
                        .redirectOutput(dir.resolve("one-command.log").toFile());
                processes.add(launcher.start());
            } else {
                processes.add(start(
                        root.resolve("api-service/target/mm-api-service-0.1.0-SNAPSHOT-exec.jar"), apiEnv, dir, "api"));
            }
            for (int w = 0; w < s.workers(); w++) {
                processes.add(start(
                        root.resolve("worker-service/target/mm-worker-service-0.1.0-SNAPSHOT-exec.jar"),
                        env,
                        dir,
                        "worker-" + w));
            }
            ApiClient api = new ApiClient(port, "admin", PASSWORD);
            awaitUp(api);
            long ia = id(api.post(
                    "/api/instances", "{\"name\":\"a\",\"url\":\"" + a.baseUrl() + "\",\"token\":\"" + tokenA + "\"}"));
            long ib = id(api.post(
                    "/api/instances", "{\"name\":\"b\",\"url\":\"" + b.baseUrl() + "\",\"token\":\"" + tokenB + "\"}"));
            long pair = id(api.post(
                    "/api/pairs",
                    "{\"name\":\"p\",\"source_instance_id\":" + ia + ",\"target_instance_id\":" + ib
                            + ",\"mirror_direction\":\"push\"}"));
            for (int g = 0; g < (s.clients() > 0 ? 40 : 20); g++) {
                String group = (g < 20 ? "team-" : "late-") + (g % 20);
                String token = b.createGroupAccessToken(
                        b.group(group).orElseThrow(), "bot", Set.of("write_repository"), 40, expiry);
                id(api.post(
                        "/api/tokens",
                        "{\"gitlab_instance_id\":" + ib + ",\"group_path\":\"" + group
                                + "\",\"token_name\":\"bot\",\"token\":\"" + token + "\"}"));
            }
            for (SimulatedInstance gitlab : List.of(a, b)) {
                gitlab.clearRequestLog();
                gitlab.faults().setLatency(Duration.ofMillis(s.latencyMs()), Duration.ZERO);
                gitlab.faults().setRateLimitPerMinute(s.rateLimitPerMinute());
            }
            double[] cpuBefore = cpuSeconds(processes);
            Map<String, Long> threadsBefore = threadTicks(processes.get(0).pid());
            long t0 = System.nanoTime();
            String batch = startImport(api, pair, projects);
            JsonNode state;
            do {
                Thread.sleep(200);
                state = batchState(api, batch);
            } while (!state.path("status").asString().equals("completed"));
            double seconds = (System.nanoTime() - t0) / 1e9;

            double[] cpuAfter = cpuSeconds(processes);
            Map<String, Long> threadsAfter = threadTicks(processes.get(0).pid());
            phases(mongoUri, database, t0);
            printThreadCpu(threadsBefore, threadsAfter);
            if (s.workers() == 0) {
                System.out.printf(
                        "  CPU seconds during the import: one-command run (all of it, embedded Kafka and MongoDB"
                                + " included) %.1f = %.2f ms per mirror; the simulator %.1f%n",
                        cpuAfter[1] - cpuBefore[1],
                        (cpuAfter[1] - cpuBefore[1]) * 1000 / s.mirrors(),
                        cpuAfter[0] - cpuBefore[0]);
            } else {
                System.out.printf(
                        "  CPU seconds during the import: api %.1f, workers %.1f, infrastructure and simulator %.1f%n",
                        cpuAfter[1] - cpuBefore[1], cpuAfter[2] - cpuBefore[2], cpuAfter[0] - cpuBefore[0]);
            }
            List<RequestLogEntry> log = new ArrayList<>(a.requestLog());
            log.addAll(b.requestLog());
            long throttled = log.stream().filter(e -> e.status() == 429).count();
            String used = "-";
            if (s.rateLimitPerMinute() > 0) {
                long onA =
                        a.requestLog().stream().filter(e -> e.status() != 429).count();
                used = String.format("%5.1f %%", 100.0 * onA / (seconds / 60.0) / s.rateLimitPerMinute());
            }
            long[] rss = processes.stream().mapToLong(p -> peakRssKb(p.pid())).toArray();
            StringBuilder workers = new StringBuilder();
            for (int w = 1; w < rss.length; w++) {
                workers.append(w > 1 ? " + " : "").append(rss[w] / 1024).append(" MB");
            }
            System.out.printf(
                    "%7d %5d ms %10s %7d | %6.1f s %9.1f %11.2f %5d %10s | %4d MB  %s   (succeeded %d, failed %d)%n",
                    s.mirrors(),
                    s.latencyMs(),
                    s.rateLimitPerMinute() == 0 ? "-" : s.rateLimitPerMinute() + "/min",
                    s.workers(),
                    seconds,
                    s.mirrors() / seconds,
                    (double) log.size() / s.mirrors(),
                    throttled,
                    used,
                    rss[0] / 1024,
                    workers,
                    state.path("succeeded").asInt(),
                    state.path("failed").asInt());
            if (s.clients() > 0) {
                underLoad(api, pair, later, s.clients(), processes);
            }
            syncAll(api, pair, s, a, b, processes);
            stop(processes);
        } finally {
            stop(processes); // before the embedded stack closes, so no service complains of a vanished broker
        }
    }

    /** Posts an import file of push mirrors between equal paths; returns its batch id. */
    private static String startImport(ApiClient api, long pair, List<String> paths) {
        return api.post("/api/export/pair/" + pair, ImportFiles.betweenEqualPaths(paths))
                .body()
                .path("batch_id")
                .asString();
    }

    private static JsonNode batchState(ApiClient api, String batch) {
        return api.get("/api/batches/" + batch + "?lines_page_size=0").body().path("batch");
    }

    /**
     * The clients run while a second import puts {@code paths} in: they start with it and stop when it completes
     * (at most after 60 s), then print what each endpoint answered.
     */
    private static void underLoad(ApiClient api, long pair, List<String> paths, int clients, List<Process> processes)
            throws InterruptedException {
        int inStore = api.get("/api/mirrors?page_size=1").body().path("total").asInt();
        LoadClients load = new LoadClients(api, inStore, clients);
        double[] cpuBefore = cpuSeconds(processes);
        Map<String, Long> threadsBefore = threadTicks(processes.get(0).pid());
        long t0 = System.nanoTime();
        String batch = startImport(api, pair, paths);
        load.start();
        JsonNode state;
        do {
            Thread.sleep(200);
            state = batchState(api, batch);
        } while (!state.path("status").asString().equals("completed") && System.nanoTime() - t0 < 60_000_000_000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        load.stop();
        double[] cpuAfter = cpuSeconds(processes);
        printThreadCpu(threadsBefore, threadTicks(processes.get(0).pid()));
        System.out.printf(
                "  under load: %d clients for %.1f s with %d mirrors in the store while %d more were imported (%s, %d"
                        + " succeeded)%n",
                clients,
                seconds,
                inStore,
                paths.size(),
                state.path("status").asString(),
                state.path("succeeded").asInt());
        load.print(seconds);
        System.out.printf(
                "  CPU seconds of the system (api, workers, their infrastructure) during the load: %.1f over %.1f s%n",
                cpuAfter[1] + cpuAfter[2] - cpuBefore[1] - cpuBefore[2], seconds);
    }

    /** The same mirrors again, as one batch sync of the whole pair (the original's "sync all", without its cap). */
    private static void syncAll(
            ApiClient api, long pair, Scenario s, SimulatedInstance a, SimulatedInstance b, List<Process> processes)
            throws InterruptedException {
        a.clearRequestLog();
        b.clearRequestLog();
        double[] cpuBefore = cpuSeconds(processes);
        long t0 = System.nanoTime();
        String batch = api.post("/api/mirrors/batch", "{\"action\":\"sync\",\"instance_pair_id\":" + pair + "}")
                .body()
                .path("batch_id")
                .asString();
        JsonNode state;
        do {
            Thread.sleep(100);
            state = api.get("/api/batches/" + batch + "?lines_page_size=0")
                    .body()
                    .path("batch");
        } while (!state.path("status").asString().equals("completed"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] cpuAfter = cpuSeconds(processes);
        long requests = a.requestLog().size() + b.requestLog().size();
        long throttled = java.util.stream.Stream.concat(a.requestLog().stream(), b.requestLog().stream())
                .filter(e -> e.status() == 429)
                .count();
        System.out.printf(
                "   sync all %5d mirrors: %6.1f s  %7.1f mirrors/s  %4.2f req/mirror  %d x 429  (succeeded %d, failed %d)%n",
                state.path("total").asInt(),
                seconds,
                state.path("total").asInt() / seconds,
                (double) requests / Math.max(1, state.path("total").asInt()),
                throttled,
                state.path("succeeded").asInt(),
                state.path("failed").asInt());
        double services = cpuAfter[1] - cpuBefore[1] + cpuAfter[2] - cpuBefore[2];
        System.out.printf(
                "   CPU seconds during the sync: %s %.1f = %.2f ms per mirror; this JVM (the simulator%s) %.1f%n",
                s.workers() == 0 ? "one-command run (all of it)" : "api and workers",
                services,
                services * 1000 / Math.max(1, state.path("total").asInt()),
                s.workers() == 0 ? "" : ", Kafka and MongoDB",
                cpuAfter[0] - cpuBefore[0]);
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            p.waitFor();
        }
    }

    /** Where the time went: when the API issued the create commands, and when workers finished them. */
    private static void phases(String mongoUri, String database, long t0Nanos) {
        long startMillis = System.currentTimeMillis() - (System.nanoTime() - t0Nanos) / 1_000_000;
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(mongoUri)) {
            var commands = client.getDatabase(database).getCollection("commands");
            List<long[]> times = new ArrayList<>();
            for (org.bson.Document c : commands.find(new org.bson.Document("type", "ImportMirrorLine"))) {
                times.add(new long[] {
                    c.getDate("accepted_at").getTime() - startMillis,
                    c.getDate("updated_at").getTime() - startMillis
                });
            }
            Map<String, Integer> byWorker = new java.util.TreeMap<>();
            for (org.bson.Document c : commands.find(new org.bson.Document("type", "ImportMirrorLine"))) {
                byWorker.merge(String.valueOf(c.get("worker")), 1, Integer::sum);
            }
            if (byWorker.size() > 1) {
                System.out.println("  creates run per worker process: " + byWorker);
            }
            long firstAccepted = times.stream().mapToLong(t -> t[0]).min().orElse(-1);
            long lastAccepted = times.stream().mapToLong(t -> t[0]).max().orElse(-1);
            long lastDone = times.stream().mapToLong(t -> t[1]).max().orElse(-1);
            double meanWait =
                    times.stream().mapToLong(t -> t[1] - t[0]).average().orElse(-1);
            System.out.printf(
                    "  create commands issued from %.1f s to %.1f s; last one done at %.1f s; mean accepted-to-done %.0f ms%n",
                    firstAccepted / 1000.0, lastAccepted / 1000.0, lastDone / 1000.0, meanWait);
        }
    }

    private static Process start(Path jar, Map<String, String> env, Path dir, String name) throws IOException {
        // the JVM options the Dockerfiles give the services
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(ServiceJvm.OPTIONS);
        // extra JVM options for the services, e.g. a flight recording while profiling
        String extra =
                System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "").replace("{name}", name);
        command.addAll(
                Arrays.stream(extra.split("\\s+")).filter(o -> !o.isBlank()).toList());
        command.addAll(List.of("-jar", jar.toString(), "--logging.level.root=WARN"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        return builder.start();
    }

    private static void awaitUp(ApiClient api) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api.get("/api/instances").status() == 200) {
                    Thread.sleep(3000); // let the workers join their consumer group
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("api-service did not start");
    }

    /** CPU time used so far: this JVM (embedded Kafka, MongoDB, simulator), api-service, all workers together. */
    private static double[] cpuSeconds(List<Process> processes) {
        double own = ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        double workers = 0;
        for (int i = 1; i < processes.size(); i++) {
            workers += cpuSeconds(processes.get(i).pid());
        }
        return new double[] {own, cpuSeconds(processes.get(0).pid()), workers};
    }

    /** CPU time of a process and the processes it started (the one-command run's second JVM). */
    private static double cpuSeconds(long pid) {
        double total = ownCpuSeconds(pid);
        for (ProcessHandle child :
                ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
            total += ownCpuSeconds(child.pid());
        }
        return total;
    }

    /**
     * CPU ticks of every thread of a process and its descendants, keyed by process, thread id and name (Linux keeps
     * the first 15 characters of a Java thread's name).
     */
    private static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long p : pids) {
            try (var tasks = Files.list(Path.of("/proc/" + p + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(
                                p + "/" + task.getFileName() + "/" + name,
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended
            }
        }
        return ticks;
    }

    /** CPU seconds per kind of thread (names with their numbers blanked) between two snapshots, the largest first. */
    private static void printThreadCpu(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> byKind = new HashMap<>();
        after.forEach((key, ticks) -> {
            String name = key.substring(key.indexOf('/', key.indexOf('/') + 1) + 1);
            byKind.merge(name.replaceAll("[0-9]+", "#"), ticks - before.getOrDefault(key, 0L), Long::sum);
        });
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder("  CPU seconds by thread:");
        byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(14)
                .forEach(e -> line.append(String.format(" %s %.1f,", e.getKey(), e.getValue() / 100.0)));
        line.append(String.format(" (all %.1f)", total / 100.0));
        System.out.println(line);
    }

    private static double ownCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in ticks
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Peak resident set (VmHWM) of a process, plus those of the processes it started, in KB. */
    private static long peakRssKb(long pid) {
        long total = ownPeakRssKb(pid);
        for (ProcessHandle child :
                ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
            total += ownPeakRssKb(child.pid());
        }
        return total;
    }

    private static long ownPeakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long id(ApiClient.Response response) {
        if (response.status() != 200 && response.status() != 202) {
            throw new IllegalStateException(response.status() + " " + response.text());
        }
        return response.body().path("id").asLong();
    }
}
