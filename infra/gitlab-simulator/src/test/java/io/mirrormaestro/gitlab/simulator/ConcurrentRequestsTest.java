package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once are all answered and logged exactly once. How fast is measured by {@link SimulatorThroughput},
 * run by hand, not asserted here.
 */
class ConcurrentRequestsTest {

    @Test
    void servesManyConcurrentClientsAndLogsEachRequestOnce() throws Exception {
        try (GitLabSimulator sim = GitLabSimulator.create()) {
            SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("fast"));
            String token = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "t", Set.of("api"), null);
            SimProject project = gitlab.createProject("g/p");
            Http http = new Http(gitlab, token);
            int requests = 3000;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> warmUp = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                warmUp.add(pool.submit(() -> http.get("/api/v4/version").status()));
            }
            for (Future<Integer> f : warmUp) {
                f.get();
            }
            gitlab.clearRequestLog();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String path = i % 2 == 0 ? "/api/v4/version" : "/api/v4/projects/" + project.id();
                results.add(pool.submit(() -> http.get(path).status()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
            pool.shutdown();
            assertThat(gitlab.requestLog()).hasSize(requests);
            assertThat(gitlab.requestLog().stream().filter(e -> e.path().equals("/api/v4/version")))
                    .hasSize(requests / 2);
        }
    }
}
