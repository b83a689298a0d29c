package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A sanity floor, not a benchmark: the machine running the tests may be busy. */
class ThroughputTest {

    @Test
    void servesThousandsOfRequestsQuickly() throws Exception {
        try (GitLabSimulator sim = GitLabSimulator.create()) {
            SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("fast"));
            String token = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "t", Set.of("api"), null);
            SimProject project = gitlab.createProject("g/p");
            Http http = new Http(gitlab, token);
            int requests = 3000;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> warmUp = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                warmUp.add(pool.submit(() -> http.get("/api/v4/version").status()));
            }
            for (Future<Integer> f : warmUp) {
                f.get();
            }
            gitlab.clearRequestLog();
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String path = i % 2 == 0 ? "/api/v4/version" : "/api/v4/projects/" + project.id();
                results.add(pool.submit(() -> http.get(path).status()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("simulator throughput: %.0f requests/s%n", requests / seconds);
            assertThat(requests / seconds).isGreaterThan(500);
            assertThat(gitlab.requestLog()).hasSize(requests);
        }
    }
}
