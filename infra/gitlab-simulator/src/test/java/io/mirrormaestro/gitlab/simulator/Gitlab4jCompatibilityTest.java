package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;
import org.gitlab4j.api.models.AccessLevel;
import org.gitlab4j.api.models.Group;
import org.gitlab4j.api.models.GroupAccessToken;
import org.gitlab4j.api.models.GroupFilter;
import org.gitlab4j.api.models.GroupProjectsFilter;
import org.gitlab4j.api.models.ImpersonationToken;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.RemoteMirror;
import org.gitlab4j.api.models.User;
import org.gitlab4j.api.models.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every gitlab4j-api 6.2.0 call Mirror Maestro makes, against the simulator. */
class Gitlab4jCompatibilityTest {
    static GitLabSimulator sim;
    static SimulatedInstance source;
    static SimulatedInstance target;
    static String rootToken;
    static String targetPushToken;
    static GitLabApi api;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        // mirrors point at another loopback instance, which GitLab refuses unless local requests are allowed
        source = sim.addInstance(InstanceOptions.of("source").withLocalRequestsAllowed(true));
        target = sim.addInstance(InstanceOptions.of("target").withVersion("16.11.4-ee"));
        SimUser root = source.createUser("root", true);
        rootToken = source.createPersonalAccessToken(root, "maestro", Set.of("api"), null);
        for (int i = 1; i <= 25; i++) {
            source.createProject("platform/core/service-" + i);
        }
        source.createProject("platform/core/api");
        source.createProject("platform/web/site");
        SimGroup targetGroup = target.createGroup("mirror");
        target.createProject("mirror/api");
        targetPushToken = target.createGroupAccessToken(
                targetGroup,
                "push-bot",
                Set.of("write_repository"),
                30,
                LocalDate.now(ZoneOffset.UTC).plusDays(30));
        api = new GitLabApi(source.baseUrl().toString(), rootToken);
    }

    @AfterAll
    static void stop() {
        api.close();
        sim.close();
    }

    @Test
    void versionAndCurrentUser() throws GitLabApiException {
        Version version = api.getVersion();
        assertThat(version.getVersion()).isEqualTo("17.8.2-ee");
        assertThat(version.getRevision()).isNotBlank();
        User me = api.getUserApi().getCurrentUser();
        assertThat(me.getUsername()).isEqualTo("root");
        assertThat(me.getIsAdmin()).isTrue();
    }

    @Test
    void projectByPathAndById() throws GitLabApiException {
        Project byPath = api.getProjectApi().getProject("platform/core/api");
        assertThat(byPath.getPathWithNamespace()).isEqualTo("platform/core/api");
        assertThat(byPath.getNamespace().getFullPath()).isEqualTo("platform/core");
        assertThat(byPath.getHttpUrlToRepo()).isEqualTo(source.baseUrl() + "/platform/core/api.git");
        Project byId = api.getProjectApi().getProject(byPath.getId());
        assertThat(byId.getName()).isEqualTo("api");
        assertThatThrownBy(() -> api.getProjectApi().getProject("platform/core/missing"))
                .isInstanceOf(GitLabApiException.class)
                .satisfies(e ->
                        assertThat(((GitLabApiException) e).getHttpStatus()).isEqualTo(404));
    }

    @Test
    void projectsPageAndPager() throws GitLabApiException {
        List<Project> page = api.getProjectApi().getProjects(2, 10);
        assertThat(page).hasSize(10);
        Pager<Project> pager = api.getProjectApi().getProjects(10);
        assertThat(pager.getTotalItems()).isEqualTo(27);
        assertThat(pager.getTotalPages()).isEqualTo(3);
        assertThat(pager.all()).hasSize(27);
    }

    @Test
    void groupsSubgroupsDescendantsAndGroupProjects() throws GitLabApiException {
        Group platform = api.getGroupApi().getGroup("platform");
        assertThat(platform.getFullPath()).isEqualTo("platform");
        assertThat(api.getGroupApi().getGroup("platform/core").getParentId()).isEqualTo(platform.getId());
        assertThat(api.getGroupApi().getSubGroups("platform"))
                .extracting(Group::getFullPath)
                .containsExactly("platform/core", "platform/web");
        assertThat(api.getGroupApi().getDescendantGroups("platform", new GroupFilter()))
                .hasSize(2);
        assertThat(api.getGroupApi().getProjects("platform", new GroupProjectsFilter().withIncludeSubGroups(true)))
                .hasSize(27);
        assertThat(api.getGroupApi().getProjects("platform/web")).hasSize(1);
        assertThat(api.getGroupApi().getGroups()).extracting(Group::getFullPath).contains("platform");
    }

    @Test
    void remoteMirrorsCreateListUpdateAndSyncThroughHttp() throws GitLabApiException {
        String url = target.baseUrl().toString().replace("http://", "http://push-bot:" + targetPushToken + "@")
                + "/mirror/api.git";
        RemoteMirror created = api.getProjectApi().createRemoteMirror("platform/core/api", url, true, false, false);
        assertThat(created.getId()).isPositive();
        assertThat(created.getEnabled()).isTrue();
        assertThat(created.getUrl()).isEqualTo("http://*****:*****@127.0.0.1:" + target.port() + "/mirror/api.git");
        assertThat(created.getUpdateStatus()).isEqualTo("none");

        List<RemoteMirror> mirrors = api.getProjectApi().getRemoteMirrors("platform/core/api");
        assertThat(mirrors).extracting(RemoteMirror::getId).contains(created.getId());

        RemoteMirror updated =
                api.getProjectApi().updateRemoteMirror("platform/core/api", created.getId(), true, true, false);
        assertThat(updated.getOnlyProtectedBranches()).isTrue();

        Http http = new Http(source, rootToken);
        String base = "/api/v4/projects/" + Http.enc("platform/core/api") + "/remote_mirrors/" + created.getId();
        assertThat(http.post(base + "/sync").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            RemoteMirror m = api.getProjectApi().getRemoteMirrors("platform/core/api").stream()
                    .filter(r -> r.getId().equals(created.getId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(m.getUpdateStatus()).isEqualTo("finished");
            assertThat(m.getLastSuccessfulUpdateAt()).isNotNull();
        });
        assertThat(target.receivedMirrorUpdates("mirror/api")).hasSize(1);
        assertThat(http.delete(base).status()).isEqualTo(204);
        assertThat(api.getProjectApi().getRemoteMirrors("platform/core/api"))
                .extracting(RemoteMirror::getId)
                .doesNotContain(created.getId());
    }

    @Test
    void groupAccessTokensCreateGetListRotateRevoke() throws GitLabApiException {
        Date expires = Date.from(LocalDate.now(ZoneOffset.UTC)
                .plusDays(20)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant());
        GroupAccessToken created = api.getGroupApi()
                .createGroupAccessToken(
                        "platform",
                        "mirror-bot",
                        expires,
                        new ImpersonationToken.Scope[] {
                            ImpersonationToken.Scope.API, ImpersonationToken.Scope.WRITE_REPOSITORY
                        },
                        AccessLevel.MAINTAINER);
        assertThat(created.getToken()).startsWith("glpat-");
        assertThat(created.getAccessLevel()).isEqualTo(AccessLevel.MAINTAINER);
        assertThat(created.getScopes())
                .containsExactly(ImpersonationToken.Scope.API, ImpersonationToken.Scope.WRITE_REPOSITORY);

        GroupAccessToken fetched = api.getGroupApi().getGroupAccessToken("platform", created.getId());
        assertThat(fetched.getName()).isEqualTo("mirror-bot");
        assertThat(fetched.getToken()).isNull();
        assertThat(api.getGroupApi().getGroupAccessTokens("platform"))
                .extracting(GroupAccessToken::getId)
                .contains(created.getId());

        GroupAccessToken rotated = api.getGroupApi().rotateGroupAccessToken("platform", created.getId());
        assertThat(rotated.getId()).isNotEqualTo(created.getId());
        assertThat(rotated.getToken()).isNotEqualTo(created.getToken());
        assertThat(source.tokenInfo(created.getToken()).orElseThrow().revoked()).isTrue();

        api.getGroupApi().revokeGroupAccessToken("platform", rotated.getId());
        assertThat(source.tokenInfo(rotated.getToken()).orElseThrow().revoked()).isTrue();
    }
}
