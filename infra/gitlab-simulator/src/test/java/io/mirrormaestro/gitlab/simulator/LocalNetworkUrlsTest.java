package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #17, point 1. GitLab validates push-mirror URLs and import URLs as public URLs: {@code public_url: {...,
 * enforce_user: true}} (app/models/remote_mirror.rb, app/validators/public_url_validator.rb) runs
 * Gitlab::HTTP_V2::UrlBlocker with local requests refused unless the administrator turns on "Allow requests to the
 * local network from webhooks and integrations" or lists the address in the outbound allowlist
 * (app/validators/addressable_url_validator.rb, doc/security/webhooks.md). A fresh GitLab refuses them.
 */
class LocalNetworkUrlsTest {
    static GitLabSimulator sim;
    static SimulatedInstance gitlab;
    static SimulatedInstance other;
    static String rootToken;
    static String userToken;
    static SimProject project;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        gitlab = sim.addInstance(InstanceOptions.of("strict"));
        other = sim.addInstance(InstanceOptions.of("other"));
        rootToken = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "root", Set.of("api"), null);
        project = gitlab.createProject("g/app");
        SimUser maintainer = gitlab.createUser("maintainer", false);
        gitlab.addMember(project, maintainer, 40);
        userToken = gitlab.createPersonalAccessToken(maintainer, "m", Set.of("api"), null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void defaults() {
        gitlab.setLocalRequestsAllowed(false);
        gitlab.setLocalRequestsAllowlist(List.of());
    }

    private static Http root() {
        return new Http(gitlab, rootToken);
    }

    private static Http.Answer pushMirror(String url) {
        return pushMirror(project, url);
    }

    private static Http.Answer pushMirror(SimProject into, String url) {
        return root().postForm("/api/v4/projects/" + into.id() + "/remote_mirrors", Http.map("url", url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // 127.0.0.1, ::1 and 0.0.0.0 are among the machine's own addresses (Socket.ip_address_list), which
                // the blocker compares first: "localhost"; the rest of 127/8 is "loopback"
                "http://u:p@127.0.0.1:1234/a/b.git   | Requests to localhost are not allowed",
                "http://u:p@localhost:1234/a/b.git   | Requests to localhost are not allowed",
                "http://u:p@[::1]:1234/a/b.git       | Requests to localhost are not allowed",
                "http://u:p@127.0.0.2/a/b.git        | Requests to loopback addresses are not allowed",
                "https://u:p@10.1.2.3/a/b.git        | Requests to the local network are not allowed",
                "https://u:p@172.20.0.5/a/b.git      | Requests to the local network are not allowed",
                "https://u:p@192.168.1.1/a/b.git     | Requests to the local network are not allowed",
                "https://u:p@169.254.169.254/a/b.git | Requests to the link local network are not allowed",
                "https://u:p@100.64.0.1/a/b.git      | Requests to the shared address space are not allowed"
            })
    void localAndPrivateAddressesAreRefusedByDefault(String url, String reason) {
        SimProject fresh = gitlab.createProject("g/refused-" + System.nanoTime());
        Http.Answer answer = pushMirror(fresh, url);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"message\":{\"url\":[\"is blocked: " + reason + "\"]}}");
        assertThat(gitlab.pushMirrors(fresh.pathWithNamespace())).isEmpty();
    }

    @Test
    void publicHostsAndTheInstanceItselfPass() {
        // a name the (simulated) network cannot resolve passes validation: the validator saves without DNS-rebinding
        // protection; the sync fails later with "Could not resolve host"
        assertThat(pushMirror("https://u:p@gitlab.example.com/a/b.git").status())
                .isEqualTo(201);
        // UrlBlocker#internal?: GitLab's own address is always allowed
        assertThat(pushMirror(gitlab.baseUrl() + "/g/other.git").status()).isEqualTo(201);
    }

    @Test
    void theAdminSettingAllowsThem() {
        gitlab.setLocalRequestsAllowed(true);

        assertThat(pushMirror("http://u:p@127.0.0.1:" + other.port() + "/a/b.git")
                        .status())
                .isEqualTo(201);
        assertThat(pushMirror("https://u:p@10.1.2.3/a/b.git").status()).isEqualTo(201);
    }

    /** The allowlist takes hosts, IPs, ranges and ports (doc/security/webhooks.md "Allow outbound requests ..."). */
    @Test
    void theAllowlistAllowsExactlyWhatItNames() {
        gitlab.setLocalRequestsAllowlist(List.of("127.0.0.1:" + other.port(), "10.0.0.0/8"));

        assertThat(pushMirror("http://u:p@127.0.0.1:" + other.port() + "/a/b.git")
                        .status())
                .isEqualTo(201);
        assertThat(pushMirror("https://u:p@10.9.8.7/a/b.git").status()).isEqualTo(201);
        assertThat(pushMirror("http://u:p@127.0.0.1:1/a/b.git").status()).isEqualTo(400);
        assertThat(pushMirror("https://u:p@192.168.0.1/a/b.git").status()).isEqualTo(400);
    }

    /** The application settings API changes it too, for administrators only (doc/api/settings.md). */
    @Test
    void applicationSettingsApiTurnsItOnForAdminsOnly() {
        Http.Answer refused = new Http(gitlab, userToken)
                .putForm(
                        "/api/v4/application/settings",
                        Http.map("allow_local_requests_from_web_hooks_and_services", true));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(gitlab.localRequestsAllowed()).isFalse();

        Http.Answer changed = root().putForm(
                        "/api/v4/application/settings",
                        Http.map("allow_local_requests_from_web_hooks_and_services", true));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json()
                        .get("allow_local_requests_from_web_hooks_and_services")
                        .asBoolean())
                .isTrue();
        assertThat(gitlab.localRequestsAllowed()).isTrue();
        assertThat(root().get("/api/v4/application/settings")
                        .json()
                        .get("allow_local_requests_from_web_hooks_and_services")
                        .asBoolean())
                .isTrue();
    }

    /** Import URLs are validated the same way: the pull mirror's error hash names import_url. */
    @Test
    void pullMirrorUrlsAreRefusedToo() {
        SimProject pulled = gitlab.createProject("g/pulled");
        Http.Answer answer = root().putJson(
                        "/api/v4/projects/" + pulled.id() + "/mirror/pull",
                        Http.map("enabled", true, "url", "http://127.0.0.1:" + other.port() + "/a/b.git"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .isEqualTo("{\"message\":{\"import_url\":[\"is blocked: Requests to localhost are not allowed\"]}}");
        assertThat(gitlab.pullMirror("g/pulled")).isEmpty();
    }

    @Test
    void seedAndOptionsCarryTheSetting() {
        try (GitLabSimulator second = GitLabSimulator.create()) {
            SimulatedInstance open =
                    second.addInstance(InstanceOptions.of("open").withLocalRequestsAllowed(true));
            assertThat(open.localRequestsAllowed()).isTrue();
            assertThat(open.options().localRequestsAllowed()).isTrue();
            assertThat(second.addInstance(InstanceOptions.of("closed")).localRequestsAllowed())
                    .isFalse();
        }
    }
}
