package io.mirrormaestro.worker.gitlab;

import static io.mirrormaestro.worker.gitlab.Simulated.failureOf;
import static io.mirrormaestro.worker.gitlab.Simulated.onlyRequest;
import static io.mirrormaestro.worker.gitlab.Simulated.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.gitlab.MirrorUpdateStatus;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.gitlab4j.api.GitLabApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pull mirrors on GitLab 17.8 (PUT /projects/:id/mirror/pull) and 17.4 (the project's legacy attributes). */
class PullMirrorsGatewayTest {

    static GitLabSimulator sim;
    static SimulatedInstance current;
    static SimulatedInstance legacy;
    static SimulatedInstance upstream;
    static GitLabGateway currentGateway;
    static GitLabGateway legacyGateway;
    static String upstreamUrl;
    static String pullToken;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        // mirrors between instances on loopback: GitLab refuses their URLs unless local requests are allowed
        current = sim.addInstance(InstanceOptions.of("current").withLocalRequestsAllowed(true));
        legacy = sim.addInstance(
                InstanceOptions.of("legacy").withVersion("17.4.1-ee").withLocalRequestsAllowed(true));
        upstream = sim.addInstance(InstanceOptions.of("upstream"));
        upstream.createProject("oss/tool");
        pullToken = upstream.createGroupAccessToken(
                upstream.group("oss").orElseThrow(),
                "pull-bot",
                Set.of("read_repository"),
                30,
                LocalDate.now(ZoneOffset.UTC).plusDays(30));
        upstreamUrl = "http://127.0.0.1:" + upstream.port() + "/oss/tool.git";
        currentGateway = Simulated.gateway(current, Simulated.adminToken(current), Simulated.unlimited());
        legacyGateway = Simulated.gateway(legacy, Simulated.adminToken(legacy), Simulated.unlimited());
    }

    @AfterAll
    static void stop() {
        currentGateway.close();
        legacyGateway.close();
        sim.close();
    }

    @Test
    void aProjectWithoutPullMirrorReadsAsEmpty() throws GitLabApiException {
        current.createProject("read/none");

        assertThat(currentGateway.pullMirror(ProjectRef.of("read/none"))).isEmpty();
        assertThat(onlyRequest(current, "GET", "/projects/read%2Fnone/mirror/pull")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void gitLab176AndLaterIsConfiguredThroughMirrorPullWithCredentialsApart() throws GitLabApiException {
        current.createProject("current/app");
        ProjectRef project = ProjectRef.of("current/app");
        PullMirrorSettings settings = PullMirrorSettings.of(upstreamUrl, "pull-bot", pullToken)
                .withTriggerBuilds(true)
                .withOverwritesDivergedBranches(true)
                .withMirrorUserId(1L);

        currentGateway.configurePullMirror(project, settings);
        currentGateway.configurePullMirror(project, settings.withBranchRegex("^main$"));

        assertThat(requests(current, "PUT", "/projects/current%2Fapp/mirror/pull"))
                .extracting(RequestLogEntry::body)
                .containsExactly(
                        Map.of(
                                "enabled", "true",
                                "url", upstreamUrl,
                                "auth_user", "pull-bot",
                                "auth_password", "[FILTERED]",
                                "mirror_trigger_builds", "true",
                                "mirror_overwrites_diverged_branches", "true",
                                "only_mirror_protected_branches", "false"),
                        Map.of(
                                "enabled", "true",
                                "url", upstreamUrl,
                                "auth_user", "pull-bot",
                                "auth_password", "[FILTERED]",
                                "mirror_trigger_builds", "true",
                                "mirror_overwrites_diverged_branches", "true",
                                "mirror_branch_regex", "^main$"));
        assertThat(requests(current, "PUT", "/projects/current%2Fapp")).isEmpty();
        assertThat(requests(current, "GET", "/version")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(currentGateway.pullMirror(project))
                .hasValueSatisfying(pull -> {
                    assertThat(pull.updateStatus()).isEqualTo(MirrorUpdateStatus.FINISHED);
                    assertThat(pull.enabled()).isTrue();
                    assertThat(pull.mirrorTriggerBuilds()).isTrue();
                    assertThat(pull.mirrorBranchRegex()).isEqualTo("^main$");
                    assertThat(pull.url())
                            .isEqualTo("http://*****:*****@127.0.0.1:" + upstream.port() + "/oss/tool.git");
                }));
    }

    @Test
    void olderGitLabIsConfiguredThroughTheProjectWithCredentialsInTheImportUrl() throws GitLabApiException {
        SimProject created = legacy.createProject("legacy/app");
        ProjectRef project = ProjectRef.of(created.id());
        long rootId = legacy.user("root").orElseThrow().id();

        legacyGateway.configurePullMirror(
                project,
                PullMirrorSettings.of(upstreamUrl, "pull-bot", pullToken)
                        .withOnlyProtectedBranches(true)
                        .withMirrorUserId(rootId));

        RequestLogEntry put = onlyRequest(legacy, "PUT", "/projects/" + created.id());
        assertThat(put.body())
                .containsEntry("mirror", "true")
                .containsEntry("import_url", "http://*****:*****@127.0.0.1:" + upstream.port() + "/oss/tool.git")
                .containsEntry("only_mirror_protected_branches", "true")
                .containsEntry("mirror_trigger_builds", "false")
                .containsEntry("mirror_overwrites_diverged_branches", "false")
                .containsEntry("mirror_user_id", String.valueOf(rootId))
                .doesNotContainKeys("url", "auth_user", "auth_password", "enabled", "mirror_branch_regex");
        assertThat(requests(legacy, "PUT", "/projects/" + created.id() + "/mirror/pull"))
                .isEmpty();
        assertThat(onlyRequest(legacy, "GET", "/version").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(legacyGateway.pullMirror(project))
                .hasValueSatisfying(pull -> {
                    assertThat(pull.updateStatus()).isEqualTo(MirrorUpdateStatus.FINISHED);
                    // 17.4 reports the update state only; the configuration fields came in 17.5
                    assertThat(pull.enabled()).isNull();
                }));
    }

    @Test
    void mirrorUserIsOnlySentWhenGiven() throws GitLabApiException {
        SimProject created = legacy.createProject("legacy/nouser");
        // a public upstream: GitLab reads the remote before it saves, and this one needs no credentials
        SimProject open = upstream.createProject("oss/open-tool");
        upstream.setVisibility(open, "public");
        String openUrl = upstream.baseUrl() + "/oss/open-tool.git";

        legacyGateway.configurePullMirror(ProjectRef.of(created.id()), PullMirrorSettings.of(openUrl, null, null));

        assertThat(onlyRequest(legacy, "PUT", "/projects/" + created.id()).body())
                .containsEntry("import_url", openUrl)
                .doesNotContainKey("mirror_user_id");
    }

    @Test
    void disablingUsesTheSameVersionDependentEndpoint() throws GitLabApiException {
        SimProject currentProject = current.createProject("disable/current");
        current.configurePullMirror(currentProject, upstreamUrl, true);
        SimProject legacyProject = legacy.createProject("disable/legacy");
        legacy.configurePullMirror(legacyProject, upstreamUrl, true);

        currentGateway.disablePullMirror(ProjectRef.of(currentProject.id()));
        legacyGateway.disablePullMirror(ProjectRef.of(legacyProject.id()));

        assertThat(onlyRequest(current, "PUT", "/projects/" + currentProject.id() + "/mirror/pull")
                        .body())
                .containsOnlyKeys("enabled")
                .containsEntry("enabled", "false");
        assertThat(onlyRequest(legacy, "PUT", "/projects/" + legacyProject.id()).body())
                .containsOnlyKeys("mirror")
                .containsEntry("mirror", "false");
        assertThat(currentGateway.pullMirror(ProjectRef.of(currentProject.id())))
                .isEmpty();
        assertThat(legacyGateway.pullMirror(ProjectRef.of(legacyProject.id()))).isEmpty();
    }

    @Test
    void triggerIsAcceptedAndAPausedMirrorIsAFinalFailureWithGitLabsMessage() throws GitLabApiException {
        SimProject healthy = current.createProject("trigger/healthy");
        current.configurePullMirror(healthy, upstreamUrl, true);
        SimProject broken = current.createProject("trigger/broken");
        failFourteenTimes(broken);

        currentGateway.triggerPullMirror(ProjectRef.of(healthy.id()));
        GitLabFailure paused = failureOf(() -> currentGateway.triggerPullMirror(ProjectRef.of(broken.id())));

        assertThat(onlyRequest(current, "POST", "/projects/" + healthy.id() + "/mirror/pull")
                        .status())
                .isEqualTo(200);
        assertThat(paused.retryable()).isFalse();
        assertThat(paused.httpStatus()).isEqualTo(403);
        assertThat(paused.message()).isEqualTo("403 Mirroring for the project is on pause");
    }

    /** GitLab pauses a pull mirror after 14 failed updates in a row. */
    private static void failFourteenTimes(SimProject project) {
        for (int i = 0; i < 14; i++) {
            current.configurePullMirror(project, "https://upstream.invalid/gone.git", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> "failed"
                    .equals(current.pullMirror(project.pathWithNamespace())
                            .orElseThrow()
                            .updateStatus()));
        }
    }
}
