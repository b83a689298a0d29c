package io.mirrormaestro.api.mirror;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.kafka.ContractUpgrade;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.testing.ApiClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/** The API half of mirrors: validation against our store and GitLab, and the command it issues. No worker runs here. */
class MirrorApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;
    long pushPair;
    long pullPair;

    @BeforeEach
    void pairs() {
        api = new ApiClient(port, USER, PASSWORD);
        long a = id(api.post(
                "/api/instances",
                "{\"name\":\"" + unique("a") + "\",\"url\":\"" + GITLAB.url() + "\",\"token\":\"" + GITLAB.apiToken
                        + "\"}"));
        long b = id(api.post(
                "/api/instances",
                "{\"name\":\"" + unique("b") + "\",\"url\":\"" + GITLAB.legacy.baseUrl() + "\",\"token\":\""
                        + GITLAB.legacyApiToken + "\"}"));
        pushPair = id(api.post(
                "/api/pairs",
                "{\"name\":\"" + unique("push") + "\",\"source_instance_id\":" + a + ",\"target_instance_id\":" + b
                        + ",\"mirror_direction\":\"push\"}"));
        pullPair = id(api.post(
                "/api/pairs",
                "{\"name\":\"" + unique("pull") + "\",\"source_instance_id\":" + b + ",\"target_instance_id\":" + a
                        + ",\"mirror_direction\":\"pull\"}"));
    }

    @Test
    void creatingRecordsAPendingMirrorAndIssuesTheCommand() {
        String project = fresh("platform");
        ApiClient.Response created = create(pushPair, project, project, "");

        assertThat(created.status()).as(created.text()).isEqualTo(202);
        JsonNode body = created.body();
        long id = body.path("id").asLong();
        assertThat(body.path("lifecycle").asString()).isEqualTo("pending");
        assertThat(body.path("mirror_direction").asString()).isEqualTo("push");
        assertThat(body.path("effective_mirror_direction").asString()).isEqualTo("push");
        assertThat(body.path("source_project_id").asLong())
                .isEqualTo(GITLAB.current.project(project).orElseThrow().id());
        assertThat(body.path("target_project_path").asString()).isEqualTo(project);
        assertThat(body.path("enabled").asBoolean()).isTrue();
        String commandId = body.path("command_id").asString();
        assertThat(body.path("status_url").asString()).isEqualTo("/api/commands/" + commandId);
        CommandRecord command = mongo.findById(UUID.fromString(commandId), CommandRecord.class);
        assertThat(command.type()).isEqualTo("CreateMirror");
        assertThat(command.subjectId()).isEqualTo("mirror:" + id);
        assertThat(api.get("/api/mirrors/" + id).body().path("lifecycle").asString())
                .isEqualTo("pending");
    }

    @Test
    void aMirrorWeAlreadyManageIs409WithTheExistingOne() {
        String project = fresh("platform");
        long first = id(create(pushPair, project, project, ""));

        ApiClient.Response again = create(pushPair, project, project, "");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("existing_mirror_id").asLong()).isEqualTo(first);
    }

    @Test
    void aMirrorGitLabAlreadyHasIsTheWorkersToAdoptOrRefuseAsTheRequestSays() {
        String project = fresh("platform");
        var source = GITLAB.current.project(project).orElseThrow();
        GITLAB.current.createPushMirror(source, GITLAB.legacy.baseUrl() + "/" + project + ".git", true);
        int before = GITLAB.current.requestLog().size();

        ApiClient.Response refuse = create(pushPair, project, project, "");

        assertThat(refuse.status()).as(refuse.text()).isEqualTo(202);
        assertThat(GITLAB.current
                        .requestLog()
                        .subList(before, GITLAB.current.requestLog().size()))
                .as("api-service reads projects only: GitLab's mirrors are read by the worker, under the limits")
                .noneMatch(e -> e.apiPath().contains("mirror"));
        CreateMirror refusing = (CreateMirror) commandOf(refuse);
        assertThat(refusing.adoptExisting()).isFalse();

        String other = fresh("platform");
        ApiClient.Response adopt = create(pushPair, other, other, ",\"adopt_existing\":true");
        assertThat(adopt.status()).as(adopt.text()).isEqualTo(202);
        assertThat(((CreateMirror) commandOf(adopt)).adoptExisting()).isTrue();
    }

    private Command commandOf(ApiClient.Response accepted) {
        CommandRecord record = mongo.findById(
                UUID.fromString(accepted.body().path("command_id").asString()), CommandRecord.class);
        return ContractUpgrade.command(record.payload());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no source           | {\"instance_pair_id\":PAIR,\"target_project_path\":\"platform/billing\"}                                  | source_project_path",
                "unknown source      | {\"instance_pair_id\":PAIR,\"source_project_path\":\"nope/nothing\",\"target_project_path\":\"platform/billing\"} | source_project_path",
                "bad path            | {\"instance_pair_id\":PAIR,\"source_project_path\":\"no-slash\",\"target_project_path\":\"platform/billing\"}     | source_project_path",
                "unknown target id   | {\"instance_pair_id\":PAIR,\"source_project_path\":\"platform/billing\",\"target_project_id\":987654}           | target_project_id",
                "bad direction       | {\"instance_pair_id\":PAIR,\"source_project_path\":\"platform/billing\",\"target_project_path\":\"platform/billing\",\"mirror_direction\":\"both\"} | mirror_direction",
                "regex not RE2       | {\"instance_pair_id\":PAIR,\"source_project_path\":\"platform/billing\",\"target_project_path\":\"platform/billing\",\"mirror_branch_regex\":\"(?<=x)y\"} | mirror_branch_regex",
                "unknown field       | {\"instance_pair_id\":PAIR,\"source_project_path\":\"platform/billing\",\"target_project_path\":\"platform/billing\",\"mirror_all\":true} | mirror_all"
            })
    void invalidCreatesAre422AndWriteNothing(String caseName, String body, String field) {
        int before = mirrorsOn(pushPair).size();

        ApiClient.Response response = api.post("/api/mirrors", body.replace("PAIR", String.valueOf(pushPair)));

        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
        assertThat(mirrorsOn(pushPair)).hasSize(before);
        assertThat(api.post(
                                "/api/mirrors",
                                "{\"instance_pair_id\":999999,\"source_project_path\":\"a/b\",\"target_project_path\":\"a/b\"}")
                        .status())
                .isEqualTo(404);
    }

    /**
     * GitLab validates mirror_branch_regex with RE2 and refuses what RE2 cannot compile (#17); our API refuses it first,
     * as a 422 problem naming the field, before a command exists or GitLab hears of it.
     */
    @Test
    void aRegexRe2CannotCompileIsRefusedBeforeAnythingIsSent() {
        String project = fresh("platform");
        long id = id(create(pushPair, project, project, ""));
        activate(id);
        long commands = commandsOn(pushPair);
        int current = GITLAB.current.requestLog().size();
        int legacy = GITLAB.legacy.requestLog().size();

        ApiClient.Response created =
                create(pushPair, project, fresh("platform"), ",\"mirror_branch_regex\":\"(?=main)\"");
        ApiClient.Response updated = api.put("/api/mirrors/" + id, "{\"mirror_branch_regex\":\"release/(\"}");

        for (ApiClient.Response refused : List.of(created, updated)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat(refused.raw().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body().path("errors").get(0).path("field").asString())
                    .isEqualTo("mirror_branch_regex");
            assertThat(refused.body().path("errors").get(0).path("message").asString())
                    .contains("RE2");
        }
        assertThat(commandsOn(pushPair)).isEqualTo(commands);
        assertThat(GITLAB.current.requestLog()).hasSize(current);
        assertThat(GITLAB.legacy.requestLog()).hasSize(legacy);
        assertThat(api.get("/api/mirrors/" + id)
                        .body()
                        .path("mirror_branch_regex")
                        .isNull())
                .isTrue();
    }

    /**
     * GitLab takes a branch regex or protected branches only, never both: a mirror whose effective settings would
     * have both (whether each comes from the mirror, its groups or its pair) is refused as a 422 problem naming the
     * mirror's field, and nothing is stored or sent; before, it was accepted and its command failed in the worker.
     */
    @Test
    void aBranchRegexWithProtectedBranchesOnlyIsRefusedUpFrontWhereverEachComesFrom() {
        assertThat(api.put("/api/pairs/" + pushPair, "{\"only_mirror_protected_branches\":true}")
                        .status())
                .isEqualTo(200);
        String project = fresh("platform");
        int mirrors = mirrorsOn(pushPair).size();
        long commands = commandsOn(pushPair);

        ApiClient.Response created = create(pushPair, project, project, ",\"mirror_branch_regex\":\"^main$\"");

        assertThat(created.status()).as(created.text()).isEqualTo(422);
        assertThat(created.body().path("errors").get(0).path("field").asString())
                .isEqualTo("mirror_branch_regex");
        assertThat(created.body().path("errors").get(0).path("message").asString())
                .contains("only_mirror_protected_branches (from pair)", "exclude each other");
        assertThat(mirrorsOn(pushPair)).hasSize(mirrors);
        assertThat(commandsOn(pushPair)).isEqualTo(commands);

        long id = id(create(pushPair, project, project, ""));
        activate(id);
        ApiClient.Response regex = api.put("/api/mirrors/" + id, "{\"mirror_branch_regex\":\"^main$\"}");
        assertThat(regex.status()).as(regex.text()).isEqualTo(422);
        assertThat(regex.body().path("errors").get(0).path("field").asString()).isEqualTo("mirror_branch_regex");
        assertThat(api.get("/api/mirrors/" + id)
                        .body()
                        .path("mirror_branch_regex")
                        .isNull())
                .as("nothing written")
                .isTrue();

        ApiClient.Response both = api.put(
                "/api/mirrors/" + id, "{\"mirror_branch_regex\":\"^main$\",\"only_mirror_protected_branches\":false}");
        assertThat(both.status()).as(both.text()).isIn(200, 202);
        assertThat(both.body().path("mirror_branch_regex").asString()).isEqualTo("^main$");
    }

    @Test
    void updatesArePresenceAwareTheDirectionIsFixedAndActionsNeedAnActiveMirror() {
        String project = fresh("platform");
        long id = id(create(
                pushPair, project, project, ",\"mirror_overwrite_diverged\":true,\"mirror_branch_regex\":\"^main$\""));

        ApiClient.Response pending = api.post("/api/mirrors/" + id + "/update", "");
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.body().path("detail").asString()).contains("Mirror not configured in GitLab");

        ApiClient.Response changed = api.put("/api/mirrors/" + id, "{\"mirror_branch_regex\":null,\"enabled\":false}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(202);
        assertThat(changed.body().path("mirror_branch_regex").isNull()).isTrue();
        assertThat(changed.body().path("mirror_overwrite_diverged").asBoolean())
                .as("absent stays")
                .isTrue();
        assertThat(changed.body().path("enabled").asBoolean()).isFalse();
        assertThat(changed.body().path("status").asString())
                .as("the pending create applies it")
                .isEqualTo("pending");

        ApiClient.Response direction = api.put("/api/mirrors/" + id, "{\"mirror_direction\":\"pull\"}");
        assertThat(direction.status()).isEqualTo(400);
        assertThat(direction.body().path("detail").asString()).contains("cannot be changed after creation");

        activate(id);
        ApiClient.Response disabledSync = api.post("/api/mirrors/" + id + "/update", "");
        assertThat(disabledSync.status()).isEqualTo(400);
        assertThat(disabledSync.body().path("detail").asString()).contains("disabled");
        JsonNode enabled = api.put("/api/mirrors/" + id, "{\"enabled\":true}").body();
        assertThat(mongo.findById(UUID.fromString(enabled.path("command_id").asString()), CommandRecord.class)
                        .type())
                .isEqualTo("UpdateMirror");
        JsonNode sync = api.post("/api/mirrors/" + id + "/update", "").body();
        assertThat(sync.path("status").asString()).isEqualTo("update_triggered");
        assertThat(mongo.findById(UUID.fromString(sync.path("command_id").asString()), CommandRecord.class)
                        .type())
                .isEqualTo("SyncMirror");

        JsonNode deleting = api.delete("/api/mirrors/" + id).body();
        assertThat(deleting.path("status").asString()).isEqualTo("deleting");
        assertThat(api.get("/api/mirrors/" + id).body().path("lifecycle").asString())
                .isEqualTo("deleting");
        assertThat(api.put("/api/mirrors/" + id, "{\"enabled\":true}").status()).isEqualTo(409);
    }

    @Test
    void resumeIssuesAResumeMirrorCommandForAnActiveEnabledMirrorAlsoAsABatch() {
        String project = fresh("platform");
        long id = id(create(pullPair, project, project, ""));

        assertThat(api.post("/api/mirrors/" + id + "/resume", "").status()).isEqualTo(400);
        activate(id);
        api.put("/api/mirrors/" + id, "{\"enabled\":false}");
        ApiClient.Response disabled = api.post("/api/mirrors/" + id + "/resume", "");
        assertThat(disabled.status()).isEqualTo(400);
        assertThat(disabled.body().path("detail").asString()).contains("disabled");
        api.put("/api/mirrors/" + id, "{\"enabled\":true}");

        ApiClient.Response resume = api.post("/api/mirrors/" + id + "/resume", "");

        assertThat(resume.status()).as(resume.text()).isEqualTo(202);
        assertThat(resume.body().path("status").asString()).isEqualTo("resume_requested");
        assertThat(mongo.findById(
                                UUID.fromString(resume.body().path("command_id").asString()), CommandRecord.class)
                        .type())
                .isEqualTo("ResumeMirror");
        ApiClient.Response batch =
                api.post("/api/mirrors/batch", "{\"action\":\"resume\",\"mirror_ids\":[" + id + "]}");
        assertThat(batch.status()).as(batch.text()).isEqualTo(202);
        assertThat(batch.body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void theListFiltersSortsAndPagesOnTheServerWithExactTotals() {
        String marker = "list" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 7; i++) {
            insert(
                    marker + "/p" + i,
                    i % 2 == 0 ? "failed" : "finished",
                    i < 3,
                    LocalDate.now().plusDays(i < 2 ? 3 : 60));
        }

        JsonNode page1 = api.get(
                        "/api/mirrors?search=" + marker + "&page_size=3&order_by=source_project_path&order_dir=desc")
                .body();
        assertThat(page1.path("total").asLong()).isEqualTo(7);
        assertThat(page1.path("total_pages").asLong()).isEqualTo(3);
        assertThat(paths(page1)).containsExactly(marker + "/p6", marker + "/p5", marker + "/p4");
        JsonNode page3 = api.get("/api/mirrors?search=" + marker
                        + "&page_size=3&page=3&order_by=source_project_path&order_dir=desc")
                .body();
        assertThat(paths(page3)).containsExactly(marker + "/p0");

        assertThat(api.get("/api/mirrors?group_path=" + marker + "&status=failed")
                        .body()
                        .path("total")
                        .asLong())
                .isEqualTo(4);
        assertThat(api.get("/api/mirrors?group_path=" + marker + "&enabled=true")
                        .body()
                        .path("total")
                        .asLong())
                .isEqualTo(3);
        assertThat(api.get("/api/mirrors?group_path=" + marker + "&token_status=expiring_soon")
                        .body()
                        .path("total")
                        .asLong())
                .isEqualTo(2);
        JsonNode byStatus = api.get("/api/mirrors?group_path=" + marker + "&order_by=status")
                .body();
        assertThat(byStatus.path("mirrors").get(0).path("last_update_status").asString())
                .isEqualTo("failed");
        assertThat(api.get("/api/mirrors?order_by=colour").status()).isEqualTo(422);
        assertThat(api.get("/api/mirrors?page_size=1000").status()).isEqualTo(400);
    }

    @Test
    void aBulkOperationSelectsByPairGroupAndStatusWithTheListsRulesForFailedAndGroups() {
        String marker = "bulk" + UUID.randomUUID().toString().substring(0, 6);
        insert(marker + "/sync-failed", "failed", true, null);
        insert(marker + "/sub/create-failed", "none", true, null);
        lifecycle(marker + "/sub/create-failed", "failed");
        insert(marker + "/being-deleted", "failed", true, null);
        lifecycle(marker + "/being-deleted", "deleting");
        insert(marker + "/fine", "finished", true, null);
        insert(marker + "/retrying", "to_retry", false, null);
        insert(marker + "-sibling/failed", "failed", true, null);

        // failed: GitLab's last sync, or creation here; the group's subgroups count, a sibling group does not
        assertThat(api.get("/api/mirrors?group_path=" + marker + "&status=failed")
                        .body()
                        .path("total")
                        .asLong())
                .isEqualTo(3);
        // a bulk operation picks the same, except a mirror being deleted
        assertThat(batchTotal("\"group_path\":\"" + marker + "/\",\"status\":\"failed\""))
                .isEqualTo(2);
        assertThat(batchTotal("\"group_path\":\"" + marker + "\",\"instance_pair_id\":" + pushPair
                        + ",\"status\":\"to_retry\""))
                .isEqualTo(1);
        assertThat(batchTotal("\"group_path\":\" " + marker + " \"")).isEqualTo(4);
    }

    private long batchTotal(String selection) {
        ApiClient.Response batch = api.post("/api/mirrors/batch", "{\"action\":\"verify\"," + selection + "}");
        assertThat(batch.status()).as(batch.text()).isEqualTo(202);
        return batch.body().path("total").asLong();
    }

    private void lifecycle(String sourcePath, String lifecycle) {
        mongo.updateFirst(
                Query.query(Criteria.where("source_project_path").is(sourcePath)),
                new Update().set("lifecycle", lifecycle),
                MirrorRecord.class);
    }

    private void insert(String path, String status, boolean enabled, LocalDate tokenExpiry) {
        long id = 900_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
        Instant now = Instant.now();
        mongo.insert(new MirrorRecord(
                id,
                pushPair,
                1,
                2,
                id,
                path,
                id,
                path,
                "push",
                MirrorRecord.Overrides.NONE,
                enabled,
                "active",
                1L,
                null,
                tokenExpiry,
                status,
                now,
                now,
                null,
                null,
                now,
                List.of(),
                false,
                false,
                now,
                now));
    }

    private List<MirrorRecord> mirrorsOn(long pair) {
        return mongo.find(Query.query(Criteria.where("instance_pair_id").is(pair)), MirrorRecord.class);
    }

    /**
     * Commands about this test's pair and its mirrors. Other test classes share the context, and their schedules and
     * batches may issue commands while a test runs, so a count of all commands is not this test's to assert on.
     */
    private long commandsOn(long pair) {
        List<String> subjects = new ArrayList<>();
        subjects.add(Subjects.pair(pair));
        mirrorsOn(pair).forEach(mirror -> subjects.add(Subjects.mirror(mirror.id())));
        return mongo.count(Query.query(Criteria.where("subject_id").in(subjects)), CommandRecord.class);
    }

    private void activate(long id) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)), new Update().set("lifecycle", "active"), MirrorRecord.class);
    }

    private static List<String> paths(JsonNode page) {
        return page.path("mirrors")
                .valueStream()
                .map(m -> m.path("source_project_path").asString())
                .toList();
    }

    private ApiClient.Response create(long pair, String source, String target, String extra) {
        return api.post(
                "/api/mirrors",
                "{\"instance_pair_id\":" + pair + ",\"source_project_path\":\"" + source
                        + "\",\"target_project_path\":\"" + target + "\"" + extra + "}");
    }

    /** A project that exists on both simulated instances and that no other test mirrors. */
    private static String fresh(String group) {
        String path = group + "/p-" + UUID.randomUUID().toString().substring(0, 8);
        GITLAB.current.createProject(path);
        GITLAB.legacy.createProject(path);
        return path;
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 202);
        return response.body().path("id").asLong();
    }
}
