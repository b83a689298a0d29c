package io.mirrormaestro.worker.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.worker.WorkerSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker checks where a GitLab call would go when it opens the connection, not only when the instance was
 * registered: with private addresses not allowed, a GitLab whose name resolves to loopback now is never called, and
 * the command fails at once saying why (no retries: asking again cannot help).
 */
class ConnectionGuardTest {

    static GitLabSimulator simulator;
    static SimulatedInstance gitlab;
    static String token;

    @BeforeAll
    static void start() {
        simulator = GitLabSimulator.create();
        gitlab = simulator.addInstance(InstanceOptions.of("internal"));
        token = Simulated.adminToken(gitlab);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "2130706433"})
    void aGitLabOnAnInternalAddressIsNeverCalled(String host) {
        WorkerSettings.GitLab guarded =
                new WorkerSettings.GitLab(Duration.ofSeconds(2), Duration.ofSeconds(5), 8, 0, false);
        gitlab.clearRequestLog();
        String url = "http://" + host + ":" + gitlab.baseUrl().getPort();
        try (GitLabGateway gateway =
                GitLabGateway.connect("internal", url, token, guarded, InstanceLimits.of("internal", guarded))) {
            Throwable refused = catchThrowable(gateway::version);

            GitLabFailure failure = GitLabFailure.of(refused);
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.message())
                    .startsWith("GitLab not called")
                    .contains("'" + host + "' points to a loopback or private address (127.0.0.1)")
                    .contains("MM_ALLOW_PRIVATE_ADDRESSES");
        }
        assertThat(gitlab.requestLog()).as("nothing reached GitLab").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1"})
    void allowedPrivateAddressesAreCalled(String host) throws Exception {
        WorkerSettings.GitLab allowed = Simulated.unlimited();
        String url = "http://" + host + ":" + gitlab.baseUrl().getPort();
        try (GitLabGateway gateway =
                GitLabGateway.connect("internal", url, token, allowed, InstanceLimits.of("internal", allowed))) {
            assertThat(gateway.version().version()).isNotBlank();
        }
    }
}
