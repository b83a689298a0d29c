package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The GitLab contract: what Mirror Maestro relies on GitLab to answer, written once and run against the simulator in
 * every build ({@link SimulatedGitLabContractTest}) and against real GitLab instances when MM_E2E_GITLAB_URL and
 * MM_E2E_GITLAB_TOKEN are set ({@link RealGitLabContractTest}). Each test states GitLab's behaviour; a disagreement
 * between the two runs means the simulator, and so every product test, is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GitLabContract {

    private static final Duration SYNC = Duration.ofMinutes(2);

    ContractTarget gitlab;
    private String skipped;

    /** The instances to run against; aborts (a JUnit assumption) when there are none. */
    abstract ContractTarget target();

    /** Every test is reported skipped with the reason, so a build log shows why the real-GitLab run did not happen. */
    @BeforeAll
    void connect() {
        try {
            gitlab = target();
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
            System.err.println(getClass().getSimpleName() + ": " + skipped);
        }
    }

    @BeforeEach
    void requireTarget() {
        assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    void cleanUp() {
        if (gitlab != null) {
            gitlab.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String mirrors(ContractTarget.Project project) {
        return "/api/v4/projects/" + project.id() + "/remote_mirrors";
    }

    private String credentialed(ContractTarget.Project project) {
        return project.httpUrl().replaceFirst("://", "://mirror-bot:" + gitlab.secondToken() + "@");
    }

    /** "As of GitLab 15.5, the Version API is a mirror of the Metadata API" (doc/api/version.md). */
    @Test
    void versionAnswersWhatMetadataAnswers() {
        JsonNode version = gitlab.first().get("/api/v4/version").json();
        Http.Answer metadata = gitlab.first().get("/api/v4/metadata");

        assertThat(version.get("version").asText()).isNotBlank();
        assertThat(version.has("revision")).isTrue();
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(version).isEqualTo(metadata.json());
    }

    /** lib/api/api_guard.rb: an unknown token is a plain 401 without WWW-Authenticate. */
    @Test
    void anUnknownTokenIs401() {
        Http.Answer answer = gitlab.first().as("mm-contract-unknown-token").get("/api/v4/version");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("message").asText()).isEqualTo("401 Unauthorized");
        assertThat(answer.header("WWW-Authenticate")).isNull();
    }

    @Test
    void aMissingProjectIs404ProjectNotFound() {
        Http.Answer answer = gitlab.first().get("/api/v4/projects/" + Long.MAX_VALUE / 2);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("message").asText()).isEqualTo("404 Project Not Found");
    }

    /** doc/api/remote_mirrors.md: disabled by default, credentials masked, a disabled mirror cannot sync. */
    @Test
    void aPushMirrorIsCreatedDisabledWithItsCredentialsMasked() {
        ContractTarget.Project source = gitlab.createProject(1, unique("contract-push"));
        ContractTarget.Project target = gitlab.createProject(2, unique("contract-push-target"));

        Http.Answer created = gitlab.first().postForm(mirrors(source), Http.map("url", credentialed(target)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode mirror = created.json();
        assertThat(mirror.get("enabled").asBoolean()).isFalse();
        assertThat(mirror.get("url").asText())
                .startsWith(target.httpUrl().substring(0, target.httpUrl().indexOf("://") + 3) + "*****:*****@")
                .doesNotContain(gitlab.secondToken());
        assertThat(mirror.get("update_status").asText()).isEqualTo("none");
        long id = mirror.get("id").asLong();

        Http.Answer sync = gitlab.first().post(mirrors(source) + "/" + id + "/sync");
        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.json().get("message").asText())
                .isEqualTo("Cannot proceed with the push mirroring. Please verify your mirror configuration.");

        assertThat(gitlab.first().delete(mirrors(source) + "/" + id).status()).isEqualTo(204);
        Http.Answer gone = gitlab.first().get(mirrors(source) + "/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("message").asText()).isEqualTo("404 Not found");
    }

    /** An enabled push mirror to the other instance syncs (204) and finishes. */
    @Test
    void anEnabledPushMirrorToTheOtherInstanceFinishes() {
        ContractTarget.Project source = gitlab.createProject(1, unique("contract-sync"));
        ContractTarget.Project target = gitlab.createProject(2, unique("contract-sync-target"));
        Http.Answer created =
                gitlab.first().postForm(mirrors(source), Http.map("url", credentialed(target), "enabled", true));
        assertThat(created.status())
                .as("the first instance refuses the second one's address; allow local requests or allowlist it: "
                        + created.body())
                .isEqualTo(201);
        long id = created.json().get("id").asLong();

        assertThat(gitlab.first().post(mirrors(source) + "/" + id + "/sync").status())
                .isEqualTo(204);

        JsonNode done = await().atMost(SYNC)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> gitlab.first().get(mirrors(source) + "/" + id).json(), m -> List.of("finished", "failed")
                        .contains(m.get("update_status").asText()));
        assertThat(done.get("update_status").asText())
                .as(done.get("last_error").asText())
                .isEqualTo("finished");
    }

    /**
     * A URL on loopback is refused as a public URL unless the administrator allows local requests
     * (app/models/remote_mirror.rb, gems/gitlab-http/lib/gitlab/http_v2/url_blocker.rb).
     */
    @Test
    void aLoopbackMirrorUrlIsRefusedWhereLocalRequestsAreNotAllowed() {
        Http.Answer settings = gitlab.first().get("/api/v4/application/settings");
        assumeTrue(
                settings.status() == 200
                        && !settings.json()
                                .path("allow_local_requests_from_web_hooks_and_services")
                                .asBoolean(),
                "the first instance allows requests to the local network (or the token is no admin's)");
        ContractTarget.Project source = gitlab.createProject(1, unique("contract-local"));

        Http.Answer answer =
                gitlab.first().postForm(mirrors(source), Http.map("url", "http://u:p@127.0.0.2/group/project.git"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").get("url").get(0).asText())
                .isEqualTo("is blocked: Requests to loopback addresses are not allowed");
    }

    /** untrusted_regexp on RemoteMirror#mirror_branch_regex (Premium): 400 naming the attribute. */
    @Test
    void anInvalidRe2BranchRegexIsRefusedNamingTheField() {
        assumeTrue(gitlab.premium(), "mirror_branch_regex needs GitLab EE with Premium");
        ContractTarget.Project source = gitlab.createProject(1, unique("contract-regex"));
        ContractTarget.Project target = gitlab.createProject(2, unique("contract-regex-target"));

        Http.Answer answer = gitlab.first()
                .postForm(mirrors(source), Http.map("url", credentialed(target), "mirror_branch_regex", "(?=main)"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()
                        .get("message")
                        .get("mirror_branch_regex")
                        .get(0)
                        .asText())
                .startsWith("not valid RE2 syntax");
    }

    /** ee/lib/api/project_mirror.rb: a project without pull mirroring answers 400 "The project is not mirrored". */
    @Test
    void aProjectThatDoesNotPullIsNotMirrored() {
        assumeTrue(gitlab.premium(), "pull mirroring needs GitLab EE with Premium");
        ContractTarget.Project project = gitlab.createProject(1, unique("contract-not-mirrored"));

        Http.Answer answer = gitlab.first().get("/api/v4/projects/" + project.id() + "/mirror/pull");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).isEqualTo("The project is not mirrored");
    }

    /**
     * The deprecated PUT /projects/:id reads the remote first: an import_url whose credentials cannot read it is 422
     * "Unable to access repository with the URL and credentials provided" (lib/api/helpers/projects_helpers.rb).
     */
    @Test
    void aLegacyImportUrlThatCannotBeReadIs422() {
        assumeTrue(gitlab.premium(), "pull mirroring needs GitLab EE with Premium");
        ContractTarget.Project project = gitlab.createProject(1, unique("contract-legacy-pull"));
        ContractTarget.Project upstream = gitlab.createProject(2, unique("contract-legacy-upstream"));
        String wrong = upstream.httpUrl().replaceFirst("://", "://mirror-bot:not-a-valid-token-0000@");

        Http.Answer answer = gitlab.first()
                .putForm("/api/v4/projects/" + project.id(), Http.map("mirror", true, "import_url", wrong));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("message").asText())
                .isEqualTo("Unable to access repository with the URL and credentials provided");
    }

    /** doc/api/rest/_index.md: offset pagination headers and a Link to the next page. */
    @Test
    void offsetPaginationCarriesGitLabsHeaders() {
        List<ContractTarget.Project> made = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            made.add(gitlab.createProject(1, unique("contract-page")));
        }
        Http.Answer page = gitlab.first().get("/api/v4/projects?per_page=1&order_by=id&sort=desc");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().size()).isEqualTo(1);
        assertThat(page.header("X-Page")).isEqualTo("1");
        assertThat(page.header("X-Per-Page")).isEqualTo("1");
        assertThat(page.header("X-Next-Page")).isEqualTo("2");
        assertThat(page.header("Link")).contains("rel=\"next\"").contains("rel=\"first\"");
        assertThat(made).hasSize(2);
    }
}
