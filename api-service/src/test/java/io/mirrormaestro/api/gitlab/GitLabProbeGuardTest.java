package io.mirrormaestro.api.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.ApiSettingsFixture;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * api-service's own GitLab reads (token checks, pickers, health) are guarded where they connect, as the workers'
 * are: with private addresses not allowed, a GitLab on loopback is never called, whatever its name.
 */
class GitLabProbeGuardTest {

    static GitLabSimulator simulator;
    static SimulatedInstance gitlab;
    static String token;

    @BeforeAll
    static void start() {
        simulator = GitLabSimulator.create();
        gitlab = simulator.addInstance(InstanceOptions.of("internal"));
        token = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "m", Set.of("api"), null);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "2130706433"})
    void aTokenCheckNeverReachesAnInternalAddress(String host) {
        GitLabProbe probe = new GitLabProbe(settings(false));
        String url = "http://" + host + ":" + gitlab.baseUrl().getPort();
        gitlab.clearRequestLog();

        BadRequestException refused =
                catchThrowableOfType(BadRequestException.class, () -> probe.checkInstance(url, token));

        assertThat(refused.field()).isEqualTo("url");
        assertThat(refused.reason()).contains("was not called").contains("loopback or private address (127.0.0.1)");
        assertThat(catchThrowableOfType(
                                BadRequestException.class, () -> probe.version(url, token, Duration.ofSeconds(2)))
                        .reason())
                .contains("was not called");
        assertThat(gitlab.requestLog()).as("nothing reached GitLab").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1"})
    void allowedPrivateAddressesAreCalled(String host) {
        GitLabProbe probe = new GitLabProbe(settings(true));
        String url = "http://" + host + ":" + gitlab.baseUrl().getPort();

        assertThat(probe.checkInstance(url, token).username()).isEqualTo("root");
    }

    /** api-service settings as the yml defaults them, with or without private addresses allowed. */
    static ApiSettings settings(boolean allowPrivate) {
        return ApiSettingsFixture.of(null, null, false, allowPrivate, "p");
    }
}
