package io.mirrormaestro.common.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.SingleRuntimeApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mirror reads both services make, against a simulated GitLab 17.8 EE and a Community Edition. */
class MirrorReadsTest {

    static GitLabSimulator sim;
    static SimulatedInstance gitlab;
    static SimulatedInstance community;
    static GitLabApi api;
    static GitLabApi communityApi;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        gitlab = sim.addInstance(InstanceOptions.of("ee"));
        community = sim.addInstance(InstanceOptions.of("ce").withVersion("17.8.2"));
        api = connect(gitlab);
        communityApi = connect(community);
    }

    @AfterAll
    static void stop() {
        api.close();
        communityApi.close();
        sim.close();
    }

    @Test
    void pushMirrorsAreReadPageAfterPageUntilGitLabNamesNoNextPage() throws GitLabApiException {
        SimProject project = gitlab.createProject("reads/many");
        for (int i = 0; i < 205; i++) {
            gitlab.createPushMirror(project, "https://mirror.example.com/reads/copy-" + i + ".git", i % 2 == 0);
        }

        List<PushMirror> mirrors = new MirrorReads(api).pushMirrors(project.id());

        assertThat(mirrors).hasSize(205).extracting(PushMirror::id).doesNotHaveDuplicates();
        assertThat(mirrors).filteredOn(PushMirror::enabled).hasSize(103);
        assertThat(requests("/projects/" + project.id() + "/remote_mirrors"))
                .extracting(e -> e.query().get("page") + "/" + e.query().get("per_page"))
                .containsExactly("1/100", "2/100", "3/100");
    }

    @Test
    void aProjectNamedByItsPathReadsTheSameAndOnePushMirrorReadsAlone() throws GitLabApiException {
        SimProject project = gitlab.createProject("reads/by-path");
        long id = gitlab.createPushMirror(project, "https://mirror.example.com/reads/one.git", true);

        List<PushMirror> byPath = new MirrorReads(api).pushMirrors("reads/by-path");
        PushMirror one = new MirrorReads(api).pushMirror(project.id(), id);

        assertThat(byPath).singleElement().isEqualTo(one);
        assertThat(one.enabled()).isTrue();
        assertThat(one.updateStatus()).isEqualTo(MirrorUpdateStatus.NONE);
        assertThat(one.url()).isEqualTo("https://mirror.example.com/reads/one.git");
    }

    @Test
    void aProjectWithoutPullMirrorReadsAsNoneAndOneWithItAsItsSettings() throws GitLabApiException {
        SimProject none = gitlab.createProject("reads/pull-none");
        SimProject pulling = gitlab.createProject("reads/pull-some");
        gitlab.configurePullMirror(pulling, "https://bot:secret@upstream.example.com/oss/tool.git", true);

        assertThat(new MirrorReads(api).pullMirror(none.id())).isEmpty();
        assertThat(requests("/projects/" + none.id() + "/mirror/pull"))
                .singleElement()
                .extracting(RequestLogEntry::status)
                .isEqualTo(400);
        assertThat(new MirrorReads(api).pullMirror("reads/pull-some")).hasValueSatisfying(pull -> {
            assertThat(pull.enabled()).isTrue();
            assertThat(pull.url()).isEqualTo("https://*****:*****@upstream.example.com/oss/tool.git");
            assertThat(pull.updateStatus()).isNotNull();
        });
    }

    @Test
    void aCommunityEditionWithoutPullMirrorEndpointIsAnErrorNotNone() {
        SimProject project = community.createProject("reads/ce");

        GitLabApiException refused = catchThrowableOfType(
                GitLabApiException.class, () -> new MirrorReads(communityApi).pullMirror(project.id()));

        assertThat(refused.getHttpStatus()).isEqualTo(404);
    }

    private static GitLabApi connect(SimulatedInstance instance) {
        String token =
                instance.createPersonalAccessToken(instance.createUser("root", true), "maestro", Set.of("api"), null);
        // the simulated instances are on loopback
        return SingleRuntimeApiClient.connect(
                instance.baseUrl().toString(), token, Duration.ofSeconds(2), Duration.ofSeconds(5), true);
    }

    private static List<RequestLogEntry> requests(String apiPath) {
        return gitlab.requestLog().stream()
                .filter(e -> e.method().equals("GET") && e.apiPath().equals(apiPath))
                .toList();
    }
}
