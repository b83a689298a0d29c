package io.mirrormaestro.gitlab.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints how many requests per second one simulated instance answers on loopback with zero latency, so benchmarks
 * of the product know the simulator is not their bottleneck. Run by hand (see README.md), never in CI.
 */
public final class SimulatorThroughput {

    private SimulatorThroughput() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        try (GitLabSimulator sim = GitLabSimulator.create()) {
            SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("bench"));
            String token = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "t", Set.of("api"), null);
            SimProject project = gitlab.createProject("g/p");
            Http http = new Http(gitlab, token);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            run(pool, http, project, requests / 4); // warm-up
            long start = System.nanoTime();
            run(pool, http, project, requests);
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf(
                    "simulator: %d requests from %d clients in %.2f s = %.0f requests/s%n",
                    requests, clients, seconds, requests / seconds);
        }
    }

    private static void run(ExecutorService pool, Http http, SimProject project, int requests) throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String path = i % 2 == 0 ? "/api/v4/version" : "/api/v4/projects/" + project.id();
            results.add(pool.submit(() -> http.get(path).status()));
        }
        for (Future<Integer> f : results) {
            if (f.get() != 200) {
                throw new IllegalStateException("unexpected status " + f.get());
            }
        }
    }
}
