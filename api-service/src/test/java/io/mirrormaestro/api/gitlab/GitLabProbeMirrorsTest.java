package io.mirrormaestro.api.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mirrors GitLabProbe finds on a project before a mirror is created or an estate migrated: every push mirror,
 * however many pages GitLab splits them into, and the pull mirror, or none.
 */
class GitLabProbeMirrorsTest {

    static GitLabSimulator simulator;
    static SimulatedInstance gitlab;
    static SimulatedInstance community;
    static String token;
    static String communityToken;
    static GitLabProbe probe;

    @BeforeAll
    static void start() {
        simulator = GitLabSimulator.create();
        gitlab = simulator.addInstance(InstanceOptions.of("ee"));
        community = simulator.addInstance(InstanceOptions.of("ce").withVersion("17.8.2"));
        token = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "m", Set.of("api"), null);
        communityToken =
                community.createPersonalAccessToken(community.createUser("root", true), "m", Set.of("api"), null);
        probe = new GitLabProbe(GitLabProbeGuardTest.settings(true)); // the simulated instances are on loopback
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void pushMirrorsOnMoreThanOnePageAreAllFound() {
        SimProject project = gitlab.createProject("probe/many");
        for (int i = 0; i < 150; i++) {
            gitlab.createPushMirror(project, "https://mirror.example.com/probe/copy-" + i + ".git", i < 10);
        }

        List<GitLabProbe.ExistingMirror> found = probe.pushMirrors(url(gitlab), token, project.id());

        assertThat(found)
                .hasSize(150)
                .extracting(GitLabProbe.ExistingMirror::id)
                .doesNotHaveDuplicates();
        assertThat(found.get(149))
                .isEqualTo(new GitLabProbe.ExistingMirror(
                        found.get(149).id(), "push", "https://mirror.example.com/probe/copy-149.git", false, "none"));
        assertThat(gitlab.requestLog())
                .filteredOn(e -> e.apiPath().equals("/projects/" + project.id() + "/remote_mirrors"))
                .extracting(e -> e.query().get("page"))
                .containsExactly("1", "2");
    }

    @Test
    void aPullMirrorIsFoundAndAProjectWithoutOneOrAGitLabWithoutPullMirroringHasNone() {
        SimProject pulling = gitlab.createProject("probe/pulling");
        SimProject plain = gitlab.createProject("probe/plain");
        SimProject onCommunity = community.createProject("probe/community");
        gitlab.configurePullMirror(pulling, "https://bot:secret@upstream.example.com/oss/tool.git", true);

        assertThat(probe.pullMirror(url(gitlab), token, pulling.id())).hasValueSatisfying(pull -> {
            assertThat(pull.direction()).isEqualTo("pull");
            assertThat(pull.enabled()).isTrue();
            assertThat(pull.url()).isEqualTo("https://*****:*****@upstream.example.com/oss/tool.git");
        });
        assertThat(probe.pullMirror(url(gitlab), token, plain.id())).isEmpty();
        assertThat(probe.pullMirror(url(community), communityToken, onCommunity.id()))
                .isEmpty();
    }

    private static String url(SimulatedInstance instance) {
        return instance.baseUrl().toString();
    }
}
