package io.mirrormaestro.api.instance;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.testing.ApiClient;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

class InstanceApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port, USER, PASSWORD);
    }

    @Test
    void registeringChecksTheTokenWithGitLabAndRecordsWhatItSays() {
        ApiClient.Response created = create(unique("main"), GITLAB.url(), GITLAB.apiToken);

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        JsonNode body = created.body();
        assertThat(body.path("id").isIntegralNumber()).isTrue();
        assertThat(body.path("url").asString()).isEqualTo(GITLAB.url());
        assertThat(body.path("token_username").asString()).isEqualTo("root");
        assertThat(body.path("token_user_id").isIntegralNumber()).isTrue();
        assertThat(body.path("gitlab_version").asString()).isEqualTo("17.8.2-ee");
        assertThat(body.path("gitlab_edition").asString()).isEqualTo("ee");
        assertThat(body.path("token_scopes").toString()).isEqualTo("[\"api\"]");
        assertThat(body.path("token_expires_at").asString()).isEqualTo(GITLAB.apiTokenExpiry.toString());
        assertThat(body.path("token_set").asBoolean()).isTrue();
        assertThat(created.text()).doesNotContain(GITLAB.apiToken).doesNotContain("encrypted");
        InstanceRecord stored = mongo.findById(body.path("id").asLong(), InstanceRecord.class);
        assertThat(stored.encryptedToken()).startsWith("v1:").doesNotContain(GITLAB.apiToken);
        assertThat(api.get("/api/instances/" + body.path("id").asLong())
                        .body()
                        .path("name")
                        .asString())
                .isEqualTo(body.path("name").asString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unreachable host | http://127.0.0.1:1 | api     | url   | unreachable",
                "no GitLab there  | SIM/nothing-here   | api     | url   | no GitLab API",
                "unknown token    | SIM                | unknown | token | does not accept",
                "read_api only    | SIM                | read    | token | scope",
                "expired token    | SIM                | expired | token | expired",
                "revoked token    | SIM                | revoked | token | revoked"
            })
    void aTokenOrUrlGitLabRefusesIsA400SayingWhyAndNothingIsStored(
            String caseName, String url, String token, String field, String reason) {
        long before = mongo.count(new org.springframework.data.mongodb.core.query.Query(), InstanceRecord.class);
        String value =
                switch (token) {
                    case "api" -> GITLAB.apiToken;
                    case "read" -> GITLAB.readApiToken;
                    case "expired" -> GITLAB.expiredToken;
                    case "revoked" -> GITLAB.revokedToken;
                    default -> "no-such-token-" + UUID.randomUUID();
                };

        ApiClient.Response response = create(unique("bad"), url.replace("SIM", GITLAB.url()), value);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
        assertThat(response.body().path("detail").asString()).contains(reason);
        assertThat(response.text()).doesNotContain(value);
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), InstanceRecord.class))
                .isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing name      | {\"url\":\"URL\",\"token\":\"TOKEN\"}                              | name",
                "blank name        | {\"name\":\"  \",\"url\":\"URL\",\"token\":\"TOKEN\"}              | name",
                "name too long     | {\"name\":\"LONG\",\"url\":\"URL\",\"token\":\"TOKEN\"}            | name",
                "ftp url           | {\"name\":\"n\",\"url\":\"ftp://h/x\",\"token\":\"TOKEN\"}         | url",
                "credentials in url| {\"name\":\"n\",\"url\":\"https://u:p@h\",\"token\":\"TOKEN\"}     | url",
                "missing token     | {\"name\":\"n\",\"url\":\"URL\"}                                   | token",
                "unknown field     | {\"name\":\"n\",\"url\":\"URL\",\"token\":\"TOKEN\",\"colour\":1}  | colour",
                "wrong type        | {\"name\":[1],\"url\":\"URL\",\"token\":\"TOKEN\"}                 | name"
            })
    void invalidBodiesAre422NamingTheField(String caseName, String body, String field) {
        String json = body.replace("URL", GITLAB.url())
                .replace("TOKEN", GITLAB.apiToken)
                .replace("LONG", "x".repeat(101));

        ApiClient.Response response = api.post("/api/instances", json);

        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
    }

    @Test
    void namesAreUniqueAndSchemelessUrlsBecomeHttps() {
        String name = unique("dup");
        assertThat(create(name, GITLAB.url(), GITLAB.apiToken).status()).isEqualTo(200);

        ApiClient.Response again = create(name, GITLAB.url(), GITLAB.apiToken);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("errors").get(0).path("field").asString()).isEqualTo("name");

        ApiClient.Response schemeless = create(unique("schemeless"), "127.0.0.1:1", GITLAB.apiToken);
        assertThat(schemeless.body().path("detail").asString()).contains("https://127.0.0.1:1");
    }

    @Test
    void aTokenRotationGitLabRefusesLeavesTheOldTokenInPlace() {
        long id = create(unique("rotate"), GITLAB.url(), GITLAB.apiToken)
                .body()
                .path("id")
                .asLong();
        String storedBefore = mongo.findById(id, InstanceRecord.class).encryptedToken();

        ApiClient.Response refused = api.put("/api/instances/" + id, "{\"token\":\"" + GITLAB.expiredToken + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("detail").asString()).contains("expired");
        assertThat(mongo.findById(id, InstanceRecord.class).encryptedToken()).isEqualTo(storedBefore);
        assertThat(api.get("/api/instances/" + id + "/projects").status())
                .as("old token still works")
                .isEqualTo(200);

        ApiClient.Response rotated = api.put(
                "/api/instances/" + id, "{\"token\":\"" + GITLAB.otherApiToken + "\",\"description\":\"rotated\"}");
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        assertThat(rotated.body().path("token_expires_at").asString())
                .isEqualTo(GITLAB.apiTokenExpiry.plusDays(10).toString());
        assertThat(rotated.body().path("description").asString()).isEqualTo("rotated");
        assertThat(mongo.findById(id, InstanceRecord.class).encryptedToken()).isNotEqualTo(storedBefore);
    }

    @Test
    void theUrlLocksOncePairsUseTheInstanceAndDeletesCascade() {
        long a = create(unique("a"), GITLAB.url(), GITLAB.apiToken)
                .body()
                .path("id")
                .asLong();
        long b = create(unique("b"), GITLAB.legacy.baseUrl().toString(), GITLAB.legacyApiToken)
                .body()
                .path("id")
                .asLong();
        ApiClient.Response pair = api.post(
                "/api/pairs",
                "{\"name\":\"" + unique("p") + "\",\"source_instance_id\":" + a + ",\"target_instance_id\":" + b + "}");
        long pairId = pair.body().path("id").asLong();
        api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + a + ",\"group_path\":\"platform\",\"token_name\":\"t\",\"token\":\""
                        + GITLAB.groupToken(
                                "platform", java.time.LocalDate.now().plusDays(30)) + "\"}");
        api.post("/api/group-defaults", "{\"instance_pair_id\":" + pairId + ",\"group_path\":\"platform\"}");
        mongo.getCollection(MirrorCollection.NAME).insertOne(new Document(MirrorCollection.PAIR_ID, pairId));

        ApiClient.Response locked = api.put("/api/instances/" + a, "{\"url\":\"" + GITLAB.legacy.baseUrl() + "\"}");
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.body().path("errors").get(0).path("field").asString()).isEqualTo("url");
        assertThat(api.put("/api/instances/" + a, "{\"name\":\"" + unique("renamed") + "\"}")
                        .status())
                .isEqualTo(200);

        JsonNode impact = api.get("/api/instances/" + a + "/delete-impact").body();
        assertThat(impact.toString())
                .isEqualTo(
                        "{\"instances\":1,\"instance_pairs\":1,\"mirrors\":1,\"group_defaults\":1,\"group_tokens\":1}");

        ApiClient.Response deleted = api.delete("/api/instances/" + a);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("status").asString()).isEqualTo("deleted");
        assertThat(deleted.body().path("deleted")).isEqualTo(impact);
        assertThat(api.get("/api/instances/" + a).status()).isEqualTo(404);
        assertThat(api.get("/api/pairs/" + pairId).status()).isEqualTo(404);
        assertThat(api.get("/api/tokens?gitlab_instance_id=" + a).body().size()).isZero();
        assertThat(api.get("/api/group-defaults?instance_pair_id=" + pairId)
                        .body()
                        .size())
                .isZero();
        assertThat(mongo.getCollection(MirrorCollection.NAME)
                        .countDocuments(new Document(MirrorCollection.PAIR_ID, pairId)))
                .isZero();
        assertThat(api.get("/api/instances/" + b).status())
                .as("the other side stays")
                .isEqualTo(200);
    }

    @Test
    void projectAndGroupPickersSearchAndPage() {
        long id = create(unique("picker"), GITLAB.url(), GITLAB.apiToken)
                .body()
                .path("id")
                .asLong();

        JsonNode found =
                api.get("/api/instances/" + id + "/projects?search=gateway").body();
        assertThat(found.path("projects").valueStream().map(p -> p.path("path_with_namespace")
                        .asString()))
                .containsExactly("platform/core/api-gateway");

        JsonNode first =
                api.get("/api/instances/" + id + "/projects?per_page=2&page=1").body();
        assertThat(first.path("projects").size()).isEqualTo(2);
        assertThat(first.path("next_page").asInt()).isEqualTo(2);
        JsonNode last =
                api.get("/api/instances/" + id + "/projects?per_page=2&page=2").body();
        assertThat(last.path("projects").size()).isEqualTo(2);

        JsonNode groups =
                api.get("/api/instances/" + id + "/groups?search=core").body();
        assertThat(groups.path("groups").valueStream().map(g -> g.path("full_path")
                        .asString()))
                .contains("platform/core");
        assertThat(api.get("/api/instances/" + id + "/projects?per_page=500").status())
                .isEqualTo(400);
        assertThat(api.get("/api/instances/999999/projects").status()).isEqualTo(404);
    }

    @Test
    void changesAreInTheActivityLogWithTheirAuthorAndNoSecret() {
        String name = unique("audited");
        long id = create(name, GITLAB.url(), GITLAB.apiToken).body().path("id").asLong();

        JsonNode log = api.get("/api/activity?subject_id=instance:" + id).body();
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.get(0).path("type").asString()).isEqualTo("ConfigurationChanged");
        assertThat(log.get(0).path("actor").asString()).isEqualTo(USER);
        assertThat(log.get(0).path("message").asString()).contains(name);
        assertThat(log.toString()).doesNotContain(GITLAB.apiToken);
    }

    private ApiClient.Response create(String name, String url, String token) {
        return api.post(
                "/api/instances",
                "{\"name\":\"" + name + "\",\"url\":\"" + url + "\",\"token\":\"" + token
                        + "\",\"description\":\"test\"}");
    }
}
