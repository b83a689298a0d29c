package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A second start of the demo: the stored estate is kept, but the simulated GitLab instances begin empty, as after
 * the one-command run is stopped and started again. The demo repairs GitLab's side instead of seeding twice.
 */
class DemoRestartEndToEndTest {

    @Test
    void aSecondStartRestoresGitLabsSideOfTheStoredMirrors() {
        int portA = freePort();
        int portB = freePort();
        try (MirrorMaestroSystem system = TestSystem.start(Map.of())) {
            DemoEstate.Seeded first;
            try (DemoEstate estate = DemoEstate.start(portA, portB)) {
                first = estate.seed(system.apiPort(), ApiClient.USER, ApiClient.PASSWORD);
            }
            assertThat(first.created()).isTrue();

            try (DemoEstate restarted = DemoEstate.start(portA, portB)) {
                SimulatedInstance a = restarted.gitlab(DemoEstate.A);
                assertThat(a.pushMirrors("platform/core/billing"))
                        .as("a fresh GitLab")
                        .isEmpty();

                DemoEstate.Seeded second = restarted.seed(system.apiPort(), ApiClient.USER, ApiClient.PASSWORD);

                assertThat(second.created()).as("nothing seeded twice").isFalse();
                assertThat(second.mirrors()).isEqualTo(first.mirrors());
                assertThat(second.pairs()).isEqualTo(2);
                for (String path : DemoEstate.PUSHED) {
                    assertThat(a.pushMirrors(path))
                            .as("push mirror of %s back in GitLab", path)
                            .hasSize(1);
                }
                SimulatedInstance b = restarted.gitlab(DemoEstate.B);
                for (String path : DemoEstate.PULLED) {
                    assertThat(b.pullMirror(path))
                            .as("pull mirror of %s back in GitLab", path)
                            .isPresent();
                }
                ApiClient api = new ApiClient(system.apiPort());
                JsonNode orphaned = api.get("/api/mirrors?status=orphaned").body();
                assertThat(orphaned.path("total").asInt()).isZero();
                assertThat(second.finished()).isEqualTo(first.finished());
                assertThat(second.failed()).isEqualTo(first.failed());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
