package io.mirrormaestro.api.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.OriginalBackupFixture;
import io.mirrormaestro.testing.OriginalBackupFixture.OriginalGitLab;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moving over the backup the original tool wrote, against the GitLab it belongs to stood up in the simulator
 * ({@link OriginalBackupFixture}): the dry run, the move that adopts the 40 GitLab mirrors without creating any, a
 * second look that finds everything moved, and a GitLab that drifted from the backup (mirrors lost or pointing
 * elsewhere), whose conflicts refuse the move with nothing written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationApiTest extends ApiIntegrationTest {

    static final GitLabSimulator simulator = GitLabSimulator.create();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port, USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    @Order(1)
    void aGitLabThatDriftedFromTheBackupIsListedAndItsConflictsRefuseTheMoveWithNothingWritten() {
        OriginalGitLab gitlab = OriginalBackupFixture.standUp(simulator);
        SimulatedInstance a = gitlab.a();
        // 5001 was deleted in GitLab; 5002 now pushes to another project (someone else's mirror)
        a.internalState().removePushMirror(a.internalState().pushMirrors.get(5001L));
        a.internalState().removePushMirror(a.internalState().pushMirrors.get(5002L));
        String elsewhere = "http://bot:x@127.0.0.1:" + gitlab.b().port() + "/data/proj-0006.git";
        a.createPushMirror(a.project("data/proj-0003").orElseThrow(), elsewhere, true, 5002L);

        JsonNode plan = migrate(gitlab, "dry_run=true").body();

        assertThat(plan.path("dry_run").asBoolean()).isTrue();
        assertThat(plan.at("/summary/instances/create").asLong()).isEqualTo(2);
        assertThat(plan.at("/summary/pairs/create").asLong()).isEqualTo(1);
        assertThat(plan.at("/summary/mirrors/adopt").asLong()).isEqualTo(38);
        assertThat(plan.at("/summary/mirrors/create").asLong()).isEqualTo(1);
        assertThat(plan.at("/summary/mirrors/conflict").asLong()).isEqualTo(1);
        assertThat(mirror(plan, 5001).path("action").asString()).isEqualTo("create");
        assertThat(mirror(plan, 5001).path("detail").asString()).contains("no longer exists");
        assertThat(mirror(plan, 5002).path("action").asString()).isEqualTo("conflict");
        assertThat(mirror(plan, 5002).path("detail").asString())
                .contains("data/proj-0006")
                .contains("not adopted");

        long before = stored();
        ApiClient.Response refused = migrate(gitlab, "");
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body().path("detail").asString())
                .contains("1 items are in conflict")
                .contains("nothing was written");
        assertThat(refused.body().at("/plan/summary/mirrors/conflict").asLong()).isEqualTo(1);
        assertThat(stored()).isEqualTo(before);
        assertThat(a.requestLog().stream().filter(e -> !e.method().equals("GET")))
                .isEmpty();
    }

    @Test
    @Order(2)
    void theBackupMovesOverAdoptingEveryGitLabMirrorAndCreatingNone() {
        OriginalGitLab gitlab = OriginalBackupFixture.standUp(simulator);

        JsonNode dry = migrate(gitlab, "dry_run=true").body();
        assertThat(dry.at("/summary/instances/create").asLong()).isEqualTo(2);
        assertThat(dry.at("/summary/pairs/create").asLong()).isEqualTo(1);
        assertThat(dry.at("/summary/mirrors/adopt").asLong()).isEqualTo(40);
        assertThat(dry.path("conflicts").asLong()).isZero();
        assertThat(dry.at("/archive/version").asString()).isEqualTo("2.1");
        assertThat(mongo.count(Query.query(Criteria.where("name").is("orig-A-30f4dc")), InstanceRecord.class))
                .isZero();

        ApiClient.Response moved = migrate(gitlab, "");
        assertThat(moved.status()).as(moved.text()).isEqualTo(201);
        JsonNode result = moved.body();
        assertThat(result.at("/summary/mirrors/adopt").asLong()).isEqualTo(40);
        long a = result.at("/instances/0/id").asLong();
        long b = result.at("/instances/1/id").asLong();
        long pair = result.at("/pairs/0/id").asLong();
        InstanceRecord source = mongo.findById(a, InstanceRecord.class);
        assertThat(source.url()).isEqualTo(gitlab.a().baseUrl().toString());
        assertThat(source.encryptedToken()).startsWith("v1:");
        PairRecord stored = mongo.findById(pair, PairRecord.class);
        assertThat(stored.sourceInstanceId()).isEqualTo(a);
        assertThat(stored.targetInstanceId()).isEqualTo(b);
        assertThat(stored.mirrorDirection()).isEqualTo("push");

        List<MirrorRecord> mirrors =
                mongo.find(Query.query(Criteria.where("instance_pair_id").is(pair)), MirrorRecord.class);
        assertThat(mirrors).hasSize(40).allSatisfy(m -> {
            assertThat(m.lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
            assertThat(m.groupTokenId()).isNull();
            assertThat(m.tokenExpiresAt()).isNotNull();
        });
        assertThat(mirrors.stream().map(MirrorRecord::mirrorId).collect(Collectors.toSet()))
                .isEqualTo(gitlab.mirrors().stream()
                        .map(OriginalBackupFixture.Mirror::gitlabMirrorId)
                        .collect(Collectors.toSet()));
        // each mirror keeps its own project token, stored encrypted; nothing answered or stored in plain text
        List<MirrorTokenRecord> own = mongo.find(
                Query.query(Criteria.where("_id")
                        .in(mirrors.stream().map(MirrorRecord::id).toList())),
                MirrorTokenRecord.class);
        assertThat(own).hasSize(40).allSatisfy(t -> assertThat(t.encryptedToken())
                .startsWith("v1:"));
        for (OriginalBackupFixture.Mirror m : gitlab.mirrors()) {
            assertThat(moved.text()).doesNotContain(m.token());
            assertThat(own.stream().map(MirrorTokenRecord::encryptedToken)).noneMatch(e -> e.contains(m.token()));
        }
        // adopted, not created: GitLab was only read
        assertThat(gitlab.a().requestLog().stream().filter(e -> !e.method().equals("GET")))
                .isEmpty();
        assertThat(gitlab.a().pushMirrors("platform/core/proj-0001")).hasSize(1);

        JsonNode again = migrate(gitlab, "dry_run=true").body();
        assertThat(again.at("/summary/instances/existing").asLong()).isEqualTo(2);
        assertThat(again.at("/summary/pairs/existing").asLong()).isEqualTo(1);
        assertThat(again.at("/summary/mirrors/existing").asLong()).isEqualTo(40);
        assertThat(again.path("conflicts").asLong()).isZero();

        JsonNode ownTokens = api.get("/api/migrate/original/own-tokens").body();
        assertThat(ownTokens.path("total").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(api.get("/api/migrate/original/own-tokens").text()).doesNotContain("glpat-");
    }

    @Test
    @Order(3)
    void aPullPairsMirrorsAreAdoptedWhenTheTargetPullsFromTheSource() {
        OriginalGitLab gitlab = OriginalBackupFixture.standUp(simulator);
        SimulatedInstance a = gitlab.a();
        SimulatedInstance b = gitlab.b();
        // the same backup, its pair pulling into B instead (and other names, the push run above took its own)
        Map<String, byte[]> files = OriginalBackupFixture.files(OriginalBackupFixture.archive());
        JsonNode database = ApiClient.JSON.readTree(files.get("database.json"));
        for (JsonNode instance : database.path("gitlab_instances")) {
            ((ObjectNode) instance).put("name", instance.path("name").asString() + "-pull");
        }
        ((ObjectNode) database.path("instance_pairs").get(0))
                .put("mirror_direction", "pull")
                .put("name", "pull-pair");
        files.put("database.json", ApiClient.JSON.writeValueAsBytes(database));
        String from = "http://bot:x@127.0.0.1:" + a.port() + "/";
        b.configurePullMirror(
                b.project("platform/core/proj-0001").orElseThrow(), from + "platform/core/proj-0001.git", true);
        b.configurePullMirror(b.project("platform/web/proj-0002").orElseThrow(), from + "data/proj-0003.git", true);
        List<String> parameters = new ArrayList<>(List.of("dry_run=true"));
        gitlab.instanceUrlParameters()
                .forEach(p -> parameters.add("instance_url=" + URLEncoder.encode(p, StandardCharsets.UTF_8)));

        JsonNode plan = api.post(
                        "/api/migrate/original?" + String.join("&", parameters),
                        "application/gzip",
                        ArchiveRefusalTest.tarGz(files))
                .body();

        assertThat(plan.at("/pairs/0/direction").asString()).isEqualTo("pull");
        assertThat(plan.at("/summary/mirrors/adopt").asLong())
                .as(plan.toString())
                .isEqualTo(1);
        assertThat(plan.at("/summary/mirrors/conflict").asLong()).isEqualTo(1);
        assertThat(plan.at("/summary/mirrors/create").asLong()).isEqualTo(38);
        assertThat(byPath(plan, "platform/core/proj-0001").path("action").asString())
                .isEqualTo("adopt");
        assertThat(byPath(plan, "platform/web/proj-0002").path("detail").asString())
                .contains("pulls from")
                .contains("not adopted");
        assertThat(byPath(plan, "data/proj-0003").path("detail").asString()).contains("is not pull-mirrored");
    }

    private static JsonNode byPath(JsonNode plan, String targetPath) {
        for (JsonNode m : plan.path("mirrors")) {
            if (m.path("target_project_path").asString().equals(targetPath)) {
                return m;
            }
        }
        throw new AssertionError("no mirror into " + targetPath);
    }

    private ApiClient.Response migrate(OriginalGitLab gitlab, String query) {
        List<String> parameters = new ArrayList<>();
        if (!query.isEmpty()) {
            parameters.add(query);
        }
        gitlab.instanceUrlParameters()
                .forEach(p -> parameters.add("instance_url=" + URLEncoder.encode(p, StandardCharsets.UTF_8)));
        return api.post(
                "/api/migrate/original?" + String.join("&", parameters),
                "application/gzip",
                OriginalBackupFixture.archive());
    }

    private static JsonNode mirror(JsonNode plan, long gitlabMirrorId) {
        for (JsonNode m : plan.path("mirrors")) {
            if (m.path("gitlab_mirror_id").asLong() == gitlabMirrorId
                    || m.path("detail").asString().contains("mirror " + gitlabMirrorId + " ")) {
                return m;
            }
        }
        throw new AssertionError("no mirror " + gitlabMirrorId + " in " + plan);
    }

    private long stored() {
        return mongo.count(new Query(), InstanceRecord.class)
                + mongo.count(new Query(), PairRecord.class)
                + mongo.count(new Query(), MirrorRecord.class)
                + mongo.count(new Query(), MirrorTokenRecord.class);
    }
}
