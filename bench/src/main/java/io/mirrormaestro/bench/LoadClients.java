package io.mirrormaestro.bench;

import io.mirrormaestro.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * API clients that ask one request after another, without pause (a closed loop, as people clicking through the UI
 * and scripts polling do at worst): mirror pages with the documented filters and sorts, search, single mirrors, pairs,
 * activity, and one request in ten a sync or a verify. Each request's time is kept per endpoint; any answer other than
 * 200 or 202 is an error.
 */
final class LoadClients {

    private record Endpoint(String name, int weight, Function<ThreadLocalRandom, String> path, boolean post) {}

    private final ApiClient api;
    private final int clients;
    private final List<Endpoint> endpoints;
    private final int totalWeight;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();

    LoadClients(ApiClient api, int mirrors, int clients) {
        this.api = api;
        this.clients = clients;
        int pages = Math.max(1, mirrors / 50);
        this.endpoints = List.of(
                new Endpoint("GET /api/mirrors?page=N", 15, r -> "/api/mirrors?page=" + (1 + r.nextInt(pages)), false),
                new Endpoint("GET /api/mirrors?status=failed", 5, r -> "/api/mirrors?status=failed", false),
                new Endpoint(
                        "GET /api/mirrors?order_by=last_update_at",
                        5,
                        r -> "/api/mirrors?order_by=last_update_at&order_dir=desc",
                        false),
                new Endpoint(
                        "GET /api/mirrors?group_path=", 5, r -> "/api/mirrors?group_path=team-" + r.nextInt(20), false),
                new Endpoint(
                        "GET /api/mirrors?search=", 5, r -> "/api/mirrors?search=svc-" + r.nextInt(mirrors), false),
                new Endpoint("GET /api/search?q=", 10, r -> "/api/search?q=svc-" + r.nextInt(mirrors), false),
                new Endpoint("GET /api/mirrors/{id}", 20, r -> "/api/mirrors/" + (1 + r.nextInt(mirrors)), false),
                new Endpoint("GET /api/pairs", 10, r -> "/api/pairs", false),
                new Endpoint("GET /api/activity", 15, r -> "/api/activity?page_size=50", false),
                new Endpoint(
                        "POST /api/mirrors/{id}/update",
                        5,
                        r -> "/api/mirrors/" + (1 + r.nextInt(mirrors)) + "/update",
                        true),
                new Endpoint(
                        "POST /api/mirrors/{id}/verify",
                        5,
                        r -> "/api/mirrors/" + (1 + r.nextInt(mirrors)) + "/verify",
                        true));
        this.totalWeight = endpoints.stream().mapToInt(Endpoint::weight).sum();
    }

    void start() {
        running.set(true);
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(this::run, "load-client-" + i);
            client.setDaemon(true);
            threads.add(client);
            client.start();
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread client : threads) {
            client.join(70_000);
        }
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            int pick = random.nextInt(totalWeight);
            Endpoint endpoint = endpoints.get(0);
            for (Endpoint e : endpoints) {
                pick -= e.weight();
                if (pick < 0) {
                    endpoint = e;
                    break;
                }
            }
            String path = endpoint.path().apply(random);
            long t0 = System.nanoTime();
            int status;
            try {
                status = endpoint.post()
                        ? api.post(path, "{}").status()
                        : api.get(path).status();
            } catch (RuntimeException e) {
                status = -1;
            }
            long took = System.nanoTime() - t0;
            nanos.computeIfAbsent(endpoint.name(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(took);
            if (status != 200 && status != 202) {
                errors.merge(endpoint.name() + " (" + status + ")", 1, Integer::sum);
            }
        }
    }

    void print(double seconds) {
        long all = nanos.values().stream().mapToLong(List::size).sum();
        System.out.printf(
                "  %d requests, %.0f per second, errors: %s%n", all, all / seconds, errors.isEmpty() ? "none" : errors);
        System.out.printf("  %-42s %7s %8s %8s %8s %8s%n", "endpoint", "count", "p50", "p95", "p99", "max");
        for (Map.Entry<String, List<Long>> e : new TreeMap<>(nanos).entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue());
            sorted.sort(null);
            System.out.printf(
                    "  %-42s %7d %5.0f ms %5.0f ms %5.0f ms %5.0f ms%n",
                    e.getKey(),
                    sorted.size(),
                    at(sorted, 0.50),
                    at(sorted, 0.95),
                    at(sorted, 0.99),
                    sorted.get(sorted.size() - 1) / 1e6);
        }
    }

    /** The nearest-rank quantile of sorted nanosecond times, in milliseconds. */
    static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
