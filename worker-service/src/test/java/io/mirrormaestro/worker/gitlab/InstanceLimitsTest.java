package io.mirrormaestro.worker.gitlab;

import static io.mirrormaestro.worker.gitlab.Simulated.adminToken;
import static io.mirrormaestro.worker.gitlab.Simulated.failureOf;
import static io.mirrormaestro.worker.gitlab.Simulated.requests;
import static io.mirrormaestro.worker.gitlab.Simulated.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.worker.WorkerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each instance's concurrency limit and rate limiter, observed from what the simulated GitLab received. The
 * assertions bound counts, so a slow machine can only make them easier to meet, never flaky.
 */
class InstanceLimitsTest {

    static GitLabSimulator sim;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void neverSendsMoreRequestsThanTheConfiguredRate() throws Exception {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("paced"));
        Duration interval = Duration.ofMillis(100); // 600 per minute
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try (GitLabGateway gateway =
                Simulated.gateway(gitlab, adminToken(gitlab), settings(8, 600, Duration.ofSeconds(30)))) {
            long started = System.nanoTime();
            List<Future<GitLabVersion>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(callers.submit(gateway::version));
            }
            for (Future<GitLabVersion> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            long window = System.nanoTime() - started;

            int received = requests(gitlab, "GET", "/version").size();
            assertThat(received).isEqualTo(30);
            // one permit per interval, plus one for the partly elapsed interval at each end of the window
            assertThat((long) received).isLessThanOrEqualTo(window / interval.toNanos() + 2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void failsRetryablyRatherThanWaitLongerThanTheReadTimeout() throws Exception {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("sparse"));
        // one permit every 10 s, but no call may wait more than 1 s
        try (GitLabGateway gateway =
                Simulated.gateway(gitlab, adminToken(gitlab), settings(8, 6, Duration.ofSeconds(1)))) {
            gateway.version();

            GitLabFailure failure = failureOf(gateway::version);

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.httpStatus()).isNull();
            assertThat(failure.message()).startsWith("sparse: ").contains("request rate");
            assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(10));
            assertThat(requests(gitlab, "GET", "/version")).hasSize(1);
        }
    }

    @Test
    void keepsNoMoreRequestsInFlightThanTheConcurrencyLimit() throws Exception {
        SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("narrow"));
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try (GitLabGateway gateway =
                Simulated.gateway(gitlab, adminToken(gitlab), settings(2, 0, Duration.ofSeconds(10)))) {
            // long enough that six parallel callers would overlap on the server without the limit
            gitlab.faults().setLatency(Duration.ofMillis(300), Duration.ZERO);

            callAll(callers, gateway, 6);

            assertThat(requests(gitlab, "GET", "/version")).hasSize(6);
            assertThat(mostAtOnce(gitlab)).isBetween(1, 2);
        } finally {
            callers.shutdownNow();
        }
    }

    private static void callAll(ExecutorService callers, GitLabGateway gateway, int calls) throws Exception {
        List<Future<GitLabVersion>> pending = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            pending.add(callers.submit(gateway::version));
        }
        for (Future<GitLabVersion> call : pending) {
            call.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSaturatedInstanceDoesNotHoldUpCallsToAnother() throws Exception {
        SimulatedInstance busy = sim.addInstance(InstanceOptions.of("busy"));
        SimulatedInstance idle = sim.addInstance(InstanceOptions.of("idle"));
        // the same settings for both, as in production: one permit every 10 s per instance
        WorkerSettings.GitLab settings = settings(8, 6, Duration.ofSeconds(30));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (GitLabGateway busyGateway = Simulated.gateway(busy, adminToken(busy), settings);
                GitLabGateway idleGateway = Simulated.gateway(idle, adminToken(idle), settings)) {
            busyGateway.version();
            callers.submit(busyGateway::version);
            callers.submit(busyGateway::version);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> busyGateway.limits().waitingForPermit() == 2);

            idleGateway.version();

            assertThat(requests(idle, "GET", "/version")).hasSize(1);
            // still saturated: the idle instance's call went through while these two waited
            assertThat(requests(busy, "GET", "/version")).hasSize(1);
            assertThat(busyGateway.limits().waitingForPermit()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    /** The largest number of requests the instance was serving at the same moment. */
    private static int mostAtOnce(SimulatedInstance gitlab) {
        record Edge(Instant at, int change) {}
        List<Edge> edges = new ArrayList<>();
        // the log says when each request arrived, and the internal one how long GitLab took to answer it (the answer
        // is written after that: the client, and so the limit, sees each request end later still)
        gitlab.internalRequestLog().entries().forEach(e -> {
            Instant arrived = e.entry().at();
            edges.add(new Edge(arrived, 1));
            edges.add(new Edge(arrived.plusNanos(e.micros() * 1000), -1));
        });
        edges.sort(Comparator.comparing(Edge::at).thenComparing(Edge::change));
        int current = 0;
        int most = 0;
        for (Edge edge : edges) {
            current += edge.change();
            most = Math.max(most, current);
        }
        return most;
    }
}
