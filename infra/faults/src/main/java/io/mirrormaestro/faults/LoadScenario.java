package io.mirrormaestro.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many API clients at once while a large import runs: reads of every view and syncs, for a fixed time. No request may
 * fail; the latency of each endpoint is reported at the 50th, 95th and 99th percentile.
 */
final class LoadScenario {

    private LoadScenario() {}

    static Outcome run(Stack stack) throws Exception {
        Steps steps = new Steps(stack);
        Mode mode = stack.mode;
        List<String> paths = steps.projects("load", mode.loadImport());
        List<Long> mirrors = new CopyOnWriteArrayList<>(OutageScenarios.someMirrors(stack, 50));
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        stack.source.latency(20, 0);
        try {
            String batch = steps.startImport(paths);
            if (mirrors.size() < 50) {
                // run on its own, the system has no mirrors yet: the clients act on the import's first ones
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> OutageScenarios.someMirrors(stack, 50).size() == 50);
                mirrors.clear();
                mirrors.addAll(OutageScenarios.someMirrors(stack, 50));
            }
            long end = System.nanoTime() + mode.loadFor().toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(mode.loadClients());
            for (int c = 0; c < mode.loadClients(); c++) {
                clients.submit(() -> {
                    Http http = stack.http();
                    while (System.nanoTime() < end) {
                        String[] request = pick(stack, batch, mirrors);
                        Http.Answer answer =
                                request[0].equals("GET") ? http.get(request[2]) : http.post(request[2], "");
                        requests.incrementAndGet();
                        latencies
                                .computeIfAbsent(request[1], k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(answer.millis());
                        if (answer.status() == 0 || answer.status() >= 500 || answer.status() == 404) {
                            errors.add(request[0] + " " + request[2] + " -> " + answer.status() + " " + answer.error());
                        }
                    }
                });
            }
            clients.shutdown();
            clients.awaitTermination(mode.loadFor().toSeconds() + 120, TimeUnit.SECONDS);
            Duration ended = steps.awaitEnded(batch);
            List<String> violations = new ArrayList<>(steps.importInvariants(batch, paths, ended));
            if (!errors.isEmpty()) {
                violations.add(errors.size() + " requests failed, e.g. " + errors.get(0));
            }
            StringBuilder figures = new StringBuilder(requests.get() + " requests; p50 / p95 / p99 / max ms: ");
            new TreeMap<>(latencies).forEach((endpoint, values) -> {
                List<Long> sorted = new ArrayList<>(values);
                Collections.sort(sorted);
                figures.append(endpoint)
                        .append(' ')
                        .append(at(sorted, 0.50))
                        .append(" / ")
                        .append(at(sorted, 0.95))
                        .append(" / ")
                        .append(at(sorted, 0.99))
                        .append(" / ")
                        .append(sorted.get(sorted.size() - 1))
                        .append(" (")
                        .append(sorted.size())
                        .append("); ");
            });
            return new Outcome(
                    "Load",
                    mode.loadClients() + " API clients for " + mode.loadFor().toSeconds()
                            + " s (mirror pages, dashboard, batches, activity, instances, a mirror, syncs) while an"
                            + " import of " + paths.size() + " runs (GitLab 20 ms)",
                    "no request fails (no 5xx, no timeout); import invariants",
                    violations,
                    null,
                    figures.toString());
        } finally {
            stack.source.reset();
        }
    }

    /** A request of the mix: method, endpoint name for the table, path. */
    private static String[] pick(Stack stack, String batch, List<Long> mirrors) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mirror = mirrors.isEmpty() ? 1 : mirrors.get(random.nextInt(mirrors.size()));
        return switch (random.nextInt(10)) {
            case 0, 1 ->
                new String[] {
                    "GET", "GET /api/mirrors?page=n", "/api/mirrors?page_size=50&page=" + (1 + random.nextInt(20))
                };
            case 2 -> new String[] {"GET", "GET /api/mirrors?status=failed", "/api/mirrors?status=failed"};
            case 3 -> new String[] {"GET", "GET /api/dashboard/metrics", "/api/dashboard/metrics"};
            case 4 -> new String[] {"GET", "GET /api/batches/{id}", "/api/batches/" + batch + "?lines_page_size=0"};
            case 5 -> new String[] {"GET", "GET /api/activity", "/api/activity?limit=50"};
            case 6 -> new String[] {"GET", "GET /api/instances", "/api/instances"};
            case 7 -> new String[] {"GET", "GET /api/mirrors/{id}", "/api/mirrors/" + mirror};
            case 8 -> new String[] {"GET", "GET /api/topology", "/api/topology"};
            default -> new String[] {"POST", "POST /api/mirrors/{id}/update", "/api/mirrors/" + mirror + "/update"};
        };
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
