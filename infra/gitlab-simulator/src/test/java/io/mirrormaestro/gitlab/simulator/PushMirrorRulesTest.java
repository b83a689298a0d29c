package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, points 4, 9 and 10 for push mirrors (lib/api/remote_mirrors.rb, app/models/remote_mirror.rb,
 * ee/app/models/ee/remote_mirror.rb, ee/lib/ee/api/helpers/remote_mirrors_helpers.rb).
 */
class PushMirrorRulesTest {
    static GitLabSimulator sim;
    static SimulatedInstance target;
    static SimulatedInstance gitlab;
    static SimulatedInstance older;
    static String rootToken;
    static String olderToken;
    static String writeToken;
    static String readOnlyToken;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        target = sim.addInstance(InstanceOptions.of("target"));
        SimGroup group = target.createGroup("backup");
        target.createProject("backup/app");
        LocalDate in30Days = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        writeToken = target.createGroupAccessToken(group, "writer", Set.of("write_repository"), 30, in30Days);
        readOnlyToken = target.createGroupAccessToken(group, "reader", Set.of("read_repository"), 30, in30Days);

        gitlab = sim.addInstance(
                InstanceOptions.of("gitlab-18").withVersion("18.9.0-ee").withLocalRequestsAllowed(true));
        rootToken = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "root", Set.of("api"), null);
        older = sim.addInstance(
                InstanceOptions.of("gitlab-18-8").withVersion("18.8.2-ee").withLocalRequestsAllowed(true));
        olderToken = older.createPersonalAccessToken(older.createUser("root", true), "root", Set.of("api"), null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String mirrors(SimProject p) {
        return "/api/v4/projects/" + p.id() + "/remote_mirrors";
    }

    private static String targetUrl(String userInfo, String path) {
        return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + target.port() + "/" + path
                + ".git";
    }

    // ---- point 4

    /** untrusted_regexp: "not valid RE2 syntax: ..." on the mirror's own attribute, 400, nothing created. */
    @Test
    void invalidRe2IsRefusedNamingTheField() {
        SimProject project = gitlab.createProject("g/regex");
        Http.Answer answer = new Http(gitlab, rootToken)
                .postForm(
                        mirrors(project),
                        Http.map("url", targetUrl("w:x", "backup/app"), "mirror_branch_regex", "(?=main)"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()
                        .get("message")
                        .get("mirror_branch_regex")
                        .get(0)
                        .asText())
                .isEqualTo("not valid RE2 syntax: invalid perl operator: (?=");
        assertThat(gitlab.pushMirrors("g/regex")).isEmpty();
    }

    /**
     * verify_mirror_branches_setting works on the request: a regex sent to a mirror that has "only protected branches"
     * switches that off (push, as on both pull paths).
     */
    @Test
    void aRegexTurnsOnlyProtectedBranchesOff() {
        SimProject project = gitlab.createProject("g/protected-then-regex");
        Http http = new Http(gitlab, rootToken);
        long id = http.postForm(
                        mirrors(project),
                        Http.map("url", targetUrl("w:x", "backup/app"), "only_protected_branches", true))
                .json()
                .get("id")
                .asLong();
        JsonNode updated = http.putForm(mirrors(project) + "/" + id, Http.map("mirror_branch_regex", "^release/"))
                .json();
        assertThat(updated.get("mirror_branch_regex").asText()).isEqualTo("^release/");
        assertThat(updated.get("only_protected_branches").asBoolean()).isFalse();
    }

    // ---- point 9: the version gates

    /**
     * RemoteMirror#validate_mirror_count: at most MAX_MIRRORS_PER_PROJECT (10) enabled push mirrors; disabled ones do
     * not count, and enabling one more is refused too (gitlab-org/gitlab!221965, spec/models/remote_mirror_spec.rb).
     */
    @Test
    void atMostTenEnabledPushMirrorsOn18x() {
        SimProject project = gitlab.createProject("g/many");
        Http http = new Http(gitlab, rootToken);
        for (int i = 0; i < 10; i++) {
            assertThat(http.postForm(
                                    mirrors(project),
                                    Http.map("url", "https://m" + i + ".example.com/x.git", "enabled", true))
                            .status())
                    .isEqualTo(201);
        }
        Http.Answer eleventh =
                http.postForm(mirrors(project), Http.map("url", "https://m10.example.com/x.git", "enabled", true));
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.body())
                .isEqualTo(
                        "{\"message\":{\"base\":[\"Maximum number of push mirrors (10) exceeded for this project.\"]}}");

        Http.Answer disabled = http.postForm(mirrors(project), Http.map("url", "https://m11.example.com/x.git"));
        assertThat(disabled.status()).isEqualTo(201);
        Http.Answer enabling =
                http.putForm(mirrors(project) + "/" + disabled.json().get("id").asLong(), Http.map("enabled", true));
        assertThat(enabling.status()).isEqualTo(400);
        assertThat(enabling.body())
                .isEqualTo(
                        "{\"message\":\"Remote mirrors base Maximum number of push mirrors (10) exceeded for this project.\"}");
    }

    /** URL uniqueness within a project, credentials ignored ("has already been taken"), and no mirror to itself. */
    @Test
    void duplicateUrlAndSelfMirrorAreRefusedOn18x() {
        SimProject project = gitlab.createProject("g/dup");
        Http http = new Http(gitlab, rootToken);
        assertThat(http.postForm(mirrors(project), Http.map("url", targetUrl("a:b", "backup/app")))
                        .status())
                .isEqualTo(201);
        Http.Answer duplicate = http.postForm(mirrors(project), Http.map("url", targetUrl("c:d", "backup/app")));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body()).isEqualTo("{\"message\":{\"url\":[\"has already been taken\"]}}");

        Http.Answer itself = http.postForm(mirrors(project), Http.map("url", gitlab.baseUrl() + "/g/dup.git"));
        assertThat(itself.status()).isEqualTo(400);
        assertThat(itself.body()).isEqualTo("{\"message\":{\"base\":[\"You cannot mirror a repository to itself.\"]}}");
    }

    @Test
    void olderGitLabHasNeitherGate() {
        SimProject project = older.createProject("g/dup");
        Http http = new Http(older, olderToken);
        for (int i = 0; i < 12; i++) {
            assertThat(http.postForm(mirrors(project), Http.map("url", targetUrl("a:b", "backup/app"), "enabled", true))
                            .status())
                    .isEqualTo(201);
        }
    }

    // ---- point 10: the smaller ones

    /** SafeUrl#safe_url: Ruby's URI reports an empty user as "", which is masked like any other user. */
    @Test
    void anEmptyUserNameIsMaskedToo() {
        SimProject project = gitlab.createProject("g/empty-user");
        Http.Answer answer = new Http(gitlab, rootToken)
                .postForm(mirrors(project), Http.map("url", targetUrl(":" + writeToken, "backup/app")));
        assertThat(answer.json().get("url").asText())
                .isEqualTo("http://*****:*****@127.0.0.1:" + target.port() + "/backup/app.git");
    }

    /** enforce_user: UrlBlocker#validate_user ("Username needs to start with an alphanumeric character"). */
    @Test
    void aUserNameMustStartWithALetterOrDigit() {
        SimProject project = gitlab.createProject("g/bad-user");
        Http.Answer answer = new Http(gitlab, rootToken)
                .postForm(mirrors(project), Http.map("url", targetUrl("-bot:secret", "backup/app")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .isEqualTo(
                        "{\"message\":{\"url\":[\"is blocked: Username needs to start with an alphanumeric character\"]}}");
    }

    /**
     * Gitlab::GitAccess#check_authentication_abilities!: a token that cannot push is refused before anything else, with
     * "You are not allowed to upload code." (lib/gitlab/git_access.rb, auth_upload).
     */
    @Test
    void aReadOnlyTokenFailsWithTheUploadMessage() {
        SimProject project = gitlab.createProject("g/read-only");
        Http http = new Http(gitlab, rootToken);
        long id = http.postForm(
                        mirrors(project),
                        Http.map("url", targetUrl("reader:" + readOnlyToken, "backup/app"), "enabled", true))
                .json()
                .get("id")
                .asLong();
        http.post(mirrors(project) + "/" + id + "/sync");
        JsonNode failed = await().atMost(Duration.ofSeconds(5))
                .until(() -> http.get(mirrors(project) + "/" + id).json(), m -> "failed"
                        .equals(m.get("update_status").asText()));
        assertThat(failed.get("last_error").asText())
                .contains("remote: You are not allowed to upload code.")
                .doesNotContain(readOnlyToken);
    }
}
