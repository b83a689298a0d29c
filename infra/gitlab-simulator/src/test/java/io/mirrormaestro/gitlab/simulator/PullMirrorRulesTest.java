package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, points 2 to 6: what GitLab refuses or does on its two pull-mirror configuration paths, the deprecated
 * PUT /projects/:id (ee/lib/ee/api/projects.rb, ee/app/services/ee/projects/update_service.rb) and PUT
 * /projects/:id/mirror/pull (ee/lib/api/project_mirror.rb, Repositories::PullMirrors::UpdateService).
 */
class PullMirrorRulesTest {
    static GitLabSimulator sim;
    static SimulatedInstance upstream;
    static SimulatedInstance gitlab;
    static SimulatedInstance legacy;
    static String readToken;
    static String rootToken;
    static String legacyRootToken;
    static String legacyMaintainerToken;
    static long legacyMaintainerId;
    static long legacyOtherUserId;
    static String currentMaintainerToken;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        upstream = sim.addInstance(InstanceOptions.of("upstream"));
        upstream.createProject("oss/lib");
        SimUser reader = upstream.createUser("reader", false);
        upstream.addMember(upstream.group("oss").orElseThrow(), reader, 20);
        readToken = upstream.createPersonalAccessToken(reader, "pull", Set.of("read_repository"), null);

        gitlab = sim.addInstance(InstanceOptions.of("current").withLocalRequestsAllowed(true));
        rootToken = gitlab.createPersonalAccessToken(gitlab.createUser("root", true), "root", Set.of("api"), null);
        SimUser maintainer = gitlab.createUser("maintainer", false);
        gitlab.addMember(gitlab.createGroup("mirrors"), maintainer, 40);
        currentMaintainerToken = gitlab.createPersonalAccessToken(maintainer, "m", Set.of("api"), null);

        legacy = sim.addInstance(
                InstanceOptions.of("legacy").withVersion("17.4.1-ee").withLocalRequestsAllowed(true));
        legacyRootToken =
                legacy.createPersonalAccessToken(legacy.createUser("root", true), "root", Set.of("api"), null);
        SimUser legacyMaintainer = legacy.createUser("maintainer", false);
        legacyMaintainerId = legacyMaintainer.id();
        legacy.addMember(legacy.createGroup("mirrors"), legacyMaintainer, 40);
        legacyMaintainerToken = legacy.createPersonalAccessToken(legacyMaintainer, "m", Set.of("api"), null);
        legacyOtherUserId = legacy.createUser("someone-else", false).id();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String upstreamUrl(String user, String password) {
        String credentials = password == null ? "" : user + ":" + password + "@";
        return "http://" + credentials + "127.0.0.1:" + upstream.port() + "/oss/lib.git";
    }

    private static String projectPath(SimProject p) {
        return "/api/v4/projects/" + p.id();
    }

    private static String pullPath(SimProject p) {
        return projectPath(p) + "/mirror/pull";
    }

    // ---- point 2: the legacy path reads the remote first

    /**
     * validate_git_import_url! runs Import::ValidateRemoteGitEndpointService before the update and answers 422
     * "Unable to access repository with the URL and credentials provided" (lib/api/helpers/projects_helpers.rb,
     * app/services/import/validate_remote_git_endpoint_service.rb): nothing is saved, not even other attributes.
     */
    @Test
    void legacyImportUrlThatCannotBeReadIs422BeforeAnythingIsSaved() {
        SimProject project = legacy.createProject("mirrors/unreadable");
        Http.Answer answer = new Http(legacy, legacyRootToken)
                .putForm(
                        projectPath(project),
                        Http.map(
                                "mirror",
                                true,
                                "import_url",
                                upstreamUrl("reader", "glpat-wrong-wrong-wrong-1"),
                                "description",
                                "changed"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body())
                .isEqualTo("{\"message\":\"Unable to access repository with the URL and credentials provided\"}");
        assertThat(legacy.pullMirror("mirrors/unreadable")).isEmpty();
        assertThat(new Http(legacy, legacyRootToken)
                        .get(projectPath(project))
                        .json()
                        .get("description")
                        .asText())
                .isEmpty();
        assertThat(legacy.requestLog()).extracting(RequestLogEntry::status).contains(422);
    }

    // ---- point 3: mirror_user_id

    /**
     * mirror_user_setting: a user who changes pull-mirror settings becomes the mirror user; naming another user is
     * "is invalid" unless the caller is an administrator (ee/app/services/ee/projects/update_service.rb).
     */
    @Test
    void mirrorUserIdNamesAnotherUserOnlyForAdministrators() {
        SimProject project = legacy.createProject("mirrors/mirror-user");
        Http maintainer = new Http(legacy, legacyMaintainerToken);
        Http.Answer refused = maintainer.putForm(
                projectPath(project),
                Http.map(
                        "mirror",
                        true,
                        "import_url",
                        upstreamUrl("reader", readToken),
                        "mirror_user_id",
                        legacyOtherUserId));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"message\":{\"mirror_user_id\":[\"is invalid\"]}}");
        assertThat(legacy.pullMirror("mirrors/mirror-user")).isEmpty();

        Http.Answer configured = maintainer.putForm(
                projectPath(project), Http.map("mirror", true, "import_url", upstreamUrl("reader", readToken)));
        assertThat(configured.status()).isEqualTo(200);
        assertThat(configured.json().get("mirror_user_id").asLong()).isEqualTo(legacyMaintainerId);
        Http.Answer unchanged = maintainer.putForm(
                projectPath(project), Http.map("mirror_trigger_builds", true, "mirror_user_id", legacyMaintainerId));
        assertThat(unchanged.status()).isEqualTo(200);

        Http.Answer byAdmin = new Http(legacy, legacyRootToken)
                .putForm(projectPath(project), Http.map("mirror", true, "mirror_user_id", legacyOtherUserId));
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.json().get("mirror_user_id").asLong()).isEqualTo(legacyOtherUserId);
    }

    // ---- point 4: branch filters on the pull paths

    /** ee/lib/ee/api/helpers/projects_helpers.rb declares mutually_exclusive :only_mirror_protected_branches, :mirror_branch_regex. */
    @Test
    void legacyPathRefusesProtectedBranchesTogetherWithARegex() {
        SimProject project = legacy.createProject("mirrors/exclusive");
        Http.Answer answer = new Http(legacy, legacyRootToken)
                .putForm(
                        projectPath(project),
                        Http.map(
                                "mirror",
                                true,
                                "import_url",
                                upstreamUrl("reader", readToken),
                                "only_mirror_protected_branches",
                                false,
                                "mirror_branch_regex",
                                "^main$"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .isEqualTo(
                        "{\"error\":\"only_mirror_protected_branches, mirror_branch_regex are mutually exclusive\"}");
    }

    /** mirror_branch_setting: a regex switches only_mirror_protected_branches off (legacy path). */
    @Test
    void legacyRegexTurnsProtectedBranchesOff() {
        SimProject project = legacy.createProject("mirrors/regex-after-protected");
        Http http = new Http(legacy, legacyRootToken);
        http.putForm(
                projectPath(project),
                Http.map(
                        "mirror",
                        true,
                        "import_url",
                        upstreamUrl("reader", readToken),
                        "only_mirror_protected_branches",
                        true));
        JsonNode after = http.putForm(projectPath(project), Http.map("mirror_branch_regex", "^release/"))
                .json();
        assertThat(after.get("mirror_branch_regex").asText()).isEqualTo("^release/");
        assertThat(after.get("only_mirror_protected_branches").asBoolean()).isFalse();
    }

    /**
     * PUT /mirror/pull declares its exclusion on only_protected_branches, which it does not take, so both together
     * pass and Repositories::PullMirrors::Attributes lets the regex win.
     */
    @Test
    void newPathAcceptsBothAndTheRegexWins() {
        SimProject project = gitlab.createProject("mirrors/both");
        Http.Answer answer = new Http(gitlab, rootToken)
                .putJson(
                        pullPath(project),
                        Http.map(
                                "enabled",
                                true,
                                "url",
                                upstreamUrl(null, null),
                                "auth_user",
                                "reader",
                                "auth_password",
                                readToken,
                                "only_mirror_protected_branches",
                                true,
                                "mirror_branch_regex",
                                "^main$"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("mirror_branch_regex").asText()).isEqualTo("^main$");
        assertThat(answer.json().get("only_mirror_protected_branches").asBoolean())
                .isFalse();
    }

    /**
     * untrusted_regexp validation of ProjectSetting#mirror_branch_regex (ee/app/models/ee/project_setting.rb): "not
     * valid RE2 syntax: ..." under the nested attribute, 400, nothing saved.
     */
    @Test
    void invalidRe2IsRefusedOnBothPaths() {
        SimProject current = gitlab.createProject("mirrors/bad-regex");
        Http.Answer viaNew = new Http(gitlab, rootToken)
                .putJson(
                        pullPath(current),
                        Http.map(
                                "enabled",
                                true,
                                "url",
                                upstreamUrl("reader", readToken),
                                "mirror_branch_regex",
                                "(?<=x)y"));
        assertThat(viaNew.status()).isEqualTo(400);
        assertThat(viaNew.json()
                        .get("message")
                        .get("project_setting.mirror_branch_regex")
                        .get(0)
                        .asText())
                .startsWith("not valid RE2 syntax: ");
        assertThat(gitlab.pullMirror("mirrors/bad-regex")).isEmpty();

        SimProject old = legacy.createProject("mirrors/bad-regex");
        Http.Answer viaLegacy = new Http(legacy, legacyRootToken)
                .putForm(
                        projectPath(old),
                        Http.map(
                                "mirror",
                                true,
                                "import_url",
                                upstreamUrl("reader", readToken),
                                "mirror_branch_regex",
                                "a**"));
        assertThat(viaLegacy.status()).isEqualTo(400);
        assertThat(viaLegacy.body())
                .contains("mirror_branch_regex")
                .contains("not valid RE2 syntax: bad repetition operator");
        assertThat(legacy.pullMirror("mirrors/bad-regex")).isEmpty();
    }

    // ---- point 5: disable drops credentials, every change schedules an update, error hashes

    /**
     * Repositories::PullMirrors::UpdateService: enabled=false removes the import data (the credentials); enabling again
     * without them leaves a mirror that cannot authenticate.
     */
    @Test
    void disablingRemovesTheCredentials() {
        SimProject project = gitlab.createProject("mirrors/disable");
        Http http = new Http(gitlab, rootToken);
        http.putJson(
                pullPath(project),
                Http.map(
                        "enabled",
                        true,
                        "url",
                        upstreamUrl(null, null),
                        "auth_user",
                        "reader",
                        "auth_password",
                        readToken));
        await().atMost(Duration.ofSeconds(5)).until(() -> "finished"
                .equals(gitlab.pullMirror("mirrors/disable").orElseThrow().updateStatus()));

        Http.Answer disabled = http.putJson(pullPath(project), Http.map("enabled", false));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().get("url").asText()).doesNotContain("*****");
        assertThat(gitlab.stateDump(true)).doesNotContain(readToken);

        http.putJson(pullPath(project), Http.map("enabled", true));
        await().atMost(Duration.ofSeconds(5)).until(() -> "failed"
                .equals(gitlab.pullMirror("mirrors/disable").orElseThrow().updateStatus()));
        assertThat(gitlab.pullMirror("mirrors/disable").orElseThrow().lastError())
                .contains("could not read Username");
    }

    /** force_import_job! after every successful PUT /mirror/pull of a mirrored project, also when nothing changed. */
    @Test
    void everyChangeSchedulesAnUpdate() {
        SimProject project = gitlab.createProject("mirrors/reschedule");
        Http http = new Http(gitlab, rootToken);
        http.putJson(
                pullPath(project),
                Http.map(
                        "enabled",
                        true,
                        "url",
                        upstreamUrl(null, null),
                        "auth_user",
                        "reader",
                        "auth_password",
                        readToken));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> gitlab.receivedMirrorUpdates("mirrors/reschedule").size() == 1);

        http.putJson(pullPath(project), Http.map("mirror_trigger_builds", true));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> gitlab.receivedMirrorUpdates("mirrors/reschedule").size() == 2);
    }

    // ---- point 6: import_error

    /** Entities::Project exposes import_error (the last pull error) to those who may admin the project only. */
    @Test
    void importErrorCarriesTheLastPullErrorForMaintainers() {
        SimProject project = gitlab.createProject("mirrors/import-error");
        gitlab.configurePullMirror(project, upstreamUrl("reader", "glpat-not-a-real-token-00"), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> "failed"
                .equals(gitlab.pullMirror("mirrors/import-error").orElseThrow().updateStatus()));

        JsonNode asMaintainer = new Http(gitlab, currentMaintainerToken)
                .get(projectPath(project))
                .json();
        assertThat(asMaintainer.get("import_error").asText()).contains("Authentication failed");

        SimUser guest = gitlab.createUser("guest-reader", false);
        gitlab.addMember(project, guest, 10);
        String guestToken = gitlab.createPersonalAccessToken(guest, "g", Set.of("api"), null);
        assertThat(new Http(gitlab, guestToken).get(projectPath(project)).json().has("import_error"))
                .isFalse();
    }
}
