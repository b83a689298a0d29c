package io.mirrormaestro.worker.gitlab;

import static io.mirrormaestro.worker.gitlab.Simulated.failureOf;
import static io.mirrormaestro.worker.gitlab.Simulated.onlyRequest;
import static io.mirrormaestro.worker.gitlab.Simulated.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.gitlab.MirrorUpdateStatus;
import io.mirrormaestro.common.gitlab.PushAuthMethod;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.gitlab4j.api.GitLabApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The push-mirror calls, checked against what a simulated GitLab 17.8 received. */
class PushMirrorsGatewayTest {

    static GitLabSimulator sim;
    static SimulatedInstance source;
    static SimulatedInstance target;
    static GitLabGateway gateway;
    static String targetUrl;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        // mirrors between instances on loopback: GitLab refuses their URLs unless local requests are allowed
        source = sim.addInstance(InstanceOptions.of("source").withLocalRequestsAllowed(true));
        target = sim.addInstance(InstanceOptions.of("target"));
        String pushToken = target.createGroupAccessToken(
                target.createGroup("mirror"),
                "push-bot",
                Set.of("write_repository"),
                30,
                LocalDate.now(ZoneOffset.UTC).plusDays(30));
        target.createProject("mirror/api");
        targetUrl = "http://push-bot:" + pushToken + "@127.0.0.1:" + target.port() + "/mirror/api.git";
        gateway = Simulated.gateway(source, Simulated.adminToken(source), Simulated.unlimited());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sim.close();
    }

    @Test
    void readsVersionUserAndProjectByPathOrId() throws GitLabApiException {
        SimProject created = source.createProject("platform/core/api-gateway");

        GitLabVersion version = gateway.version();
        assertThat(version.version()).isEqualTo("17.8.2-ee");
        assertThat(version.revision()).isNotBlank();
        assertThat(version.enterprise()).isTrue();
        GitLabUser user = gateway.currentUser();
        assertThat(user.username()).isEqualTo("root");
        assertThat(user.admin()).isTrue();
        GitLabProject byPath = gateway.project(ProjectRef.of("platform/core/api-gateway"));
        assertThat(byPath.id()).isEqualTo(created.id());
        assertThat(byPath.httpUrlToRepo()).isEqualTo(source.baseUrl() + "/platform/core/api-gateway.git");
        assertThat(gateway.project(ProjectRef.of(created.id())).pathWithNamespace())
                .isEqualTo("platform/core/api-gateway");

        // one path segment, URL-encoded (gitlab4j encodes '-' too, which GitLab decodes like any other escape)
        assertThat(requests(source, "GET", "/projects/platform%2Fcore%2Fapi%2Dgateway"))
                .hasSize(1);
        assertThat(requests(source, "GET", "/projects/" + created.id())).hasSize(1);
    }

    @Test
    void createSendsEnabledTrueExplicitlyAndOnlyTheOptionsThatAreSet() throws GitLabApiException {
        source.createProject("create/plain");

        PushMirror mirror = gateway.createPushMirror(
                ProjectRef.of("create/plain"), NewPushMirror.of(targetUrl).withKeepDivergentRefs(true));

        RequestLogEntry post = onlyRequest(source, "POST", "/projects/create%2Fplain/remote_mirrors");
        assertThat(post.status()).isEqualTo(201);
        assertThat(post.body())
                .containsEntry("enabled", "true")
                .containsEntry("only_protected_branches", "false")
                .containsEntry("keep_divergent_refs", "true")
                .containsEntry("url", "http://*****:*****@127.0.0.1:" + target.port() + "/mirror/api.git")
                .doesNotContainKeys("mirror_branch_regex", "auth_method");
        assertThat(mirror.enabled()).isTrue();
        assertThat(mirror.keepDivergentRefs()).isTrue();
        assertThat(mirror.updateStatus()).isEqualTo(MirrorUpdateStatus.NONE);
        assertThat(mirror.url()).isEqualTo("http://*****:*****@127.0.0.1:" + target.port() + "/mirror/api.git");
        assertThat(mirror.authMethod()).isEqualTo(PushAuthMethod.PASSWORD);
        assertThat(source.pushMirrors("create/plain")).singleElement().satisfies(m -> assertThat(m.enabled())
                .isTrue());
    }

    @Test
    void createWithBranchRegexLeavesOutOnlyProtectedBranchesWhichGitLabWouldReject() throws GitLabApiException {
        source.createProject("create/regex");

        PushMirror mirror = gateway.createPushMirror(
                ProjectRef.of("create/regex"),
                NewPushMirror.of(targetUrl)
                        .withMirrorBranchRegex("^release/.*")
                        .withAuthMethod(PushAuthMethod.PASSWORD));

        assertThat(onlyRequest(source, "POST", "/projects/create%2Fregex/remote_mirrors")
                        .body())
                .containsEntry("mirror_branch_regex", "^release/.*")
                .containsEntry("auth_method", "password")
                .containsEntry("enabled", "true")
                .doesNotContainKey("only_protected_branches");
        assertThat(mirror.mirrorBranchRegex()).isEqualTo("^release/.*");
    }

    @Test
    void listsEveryPageOfPushMirrors() throws GitLabApiException {
        SimProject project = source.createProject("list/many");
        for (int i = 0; i < 105; i++) {
            source.createPushMirror(project, targetUrl, i % 2 == 0);
        }

        List<PushMirror> mirrors = gateway.pushMirrors(ProjectRef.of(project.id()));

        assertThat(mirrors).hasSize(105).extracting(PushMirror::id).doesNotHaveDuplicates();
        assertThat(requests(source, "GET", "/projects/" + project.id() + "/remote_mirrors"))
                .extracting(e -> e.query().get("page") + "/" + e.query().get("per_page"))
                .containsExactly("1/100", "2/100");
    }

    @Test
    void getsOneMirrorAndUpdatesItWithoutEverSendingTheUrl() throws GitLabApiException {
        source.createProject("update/one");
        ProjectRef project = ProjectRef.of("update/one");
        long id = gateway.createPushMirror(project, NewPushMirror.of(targetUrl)).id();

        PushMirror updated = gateway.updatePushMirror(
                project, id, PushMirrorChanges.none().withEnabled(false).withOnlyProtectedBranches(true));

        RequestLogEntry put = onlyRequest(source, "PUT", "/projects/update%2Fone/remote_mirrors/" + id);
        assertThat(put.body())
                .containsOnlyKeys("enabled", "only_protected_branches")
                .containsEntry("enabled", "false")
                .containsEntry("only_protected_branches", "true");
        assertThat(put.query()).doesNotContainKey("url");
        assertThat(updated.enabled()).isFalse();
        assertThat(updated.onlyProtectedBranches()).isTrue();
        assertThat(gateway.pushMirror(project, id)).isEqualTo(updated);
    }

    @Test
    void deleteReportsAMirrorThatIsAlreadyGoneAsSuchAndAMissingProjectAsAnError() throws GitLabApiException {
        source.createProject("delete/twice");
        ProjectRef project = ProjectRef.of("delete/twice");
        long id = gateway.createPushMirror(project, NewPushMirror.of(targetUrl)).id();

        assertThat(gateway.deletePushMirror(project, id)).isEqualTo(MirrorDeletion.DELETED);
        assertThat(gateway.deletePushMirror(project, id)).isEqualTo(MirrorDeletion.ALREADY_GONE);

        assertThat(requests(source, "DELETE", "/projects/delete%2Ftwice/remote_mirrors/" + id))
                .extracting(RequestLogEntry::status)
                .containsExactly(204, 404);
        assertThat(source.pushMirrors("delete/twice")).isEmpty();
        GitLabFailure missingProject = failureOf(() -> gateway.deletePushMirror(ProjectRef.of("delete/nowhere"), id));
        assertThat(missingProject.retryable()).isFalse();
        assertThat(missingProject.httpStatus()).isEqualTo(404);
        assertThat(missingProject.message()).isEqualTo("404 Project Not Found");
    }

    @Test
    void syncAnswers204WithoutABodyAndTheMirrorPushes() throws GitLabApiException {
        source.createProject("sync/now");
        ProjectRef project = ProjectRef.of("sync/now");
        long id = gateway.createPushMirror(project, NewPushMirror.of(targetUrl)).id();

        gateway.syncPushMirror(project, id);

        RequestLogEntry sync = onlyRequest(source, "POST", "/projects/sync%2Fnow/remote_mirrors/" + id + "/sync");
        assertThat(sync.status()).isEqualTo(204);
        assertThat(sync.body()).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(gateway.pushMirror(project, id).updateStatus())
                        .isEqualTo(MirrorUpdateStatus.FINISHED));
    }

    @Test
    void syncOfADisabledMirrorIsAFinalFailureWithGitLabsMessage() throws GitLabApiException {
        SimProject created = source.createProject("sync/disabled");
        long id = source.createPushMirror(created, targetUrl, false);

        GitLabFailure failure = failureOf(() -> gateway.syncPushMirror(ProjectRef.of(created.id()), id));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.message())
                .isEqualTo("400 Cannot proceed with the push mirroring. Please verify your mirror configuration.");
        assertThat(failure.retryAfter()).isEmpty();
    }

    /**
     * A GitLab that refuses local requests answers an error hash; the failure carries GitLab's words, not gitlab4j's
     * "The following fields have validation errors" list.
     */
    @Test
    void aRefusedUrlFailsWithGitLabsValidationMessage() {
        try (GitLabSimulator strictSim = GitLabSimulator.create()) {
            SimulatedInstance strict = strictSim.addInstance(InstanceOptions.of("strict"));
            SimProject project = strict.createProject("blocked/app");
            try (GitLabGateway strictGateway =
                    Simulated.gateway(strict, Simulated.adminToken(strict), Simulated.unlimited())) {
                GitLabFailure failure = failureOf(
                        () -> strictGateway.createPushMirror(ProjectRef.of(project.id()), NewPushMirror.of(targetUrl)));

                assertThat(failure.retryable()).isFalse();
                assertThat(failure.httpStatus()).isEqualTo(400);
                assertThat(failure.message()).isEqualTo("400 url is blocked: Requests to localhost are not allowed");
            }
        }
    }
}
