package io.mirrormaestro.api.transfer;

import static io.mirrormaestro.api.GitLabFixture.GITLAB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.testing.ApiClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

class ExportApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void exportsAPairsMirrorsInTheOriginalFormatOptionallyByGroup() {
        ApiClient api = new ApiClient(port, USER, PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long a = api.post(
                        "/api/instances",
                        "{\"name\":\"ex-a-" + suffix + "\",\"url\":\"" + GITLAB.url() + "\",\"token\":\""
                                + GITLAB.apiToken + "\"}")
                .body()
                .path("id")
                .asLong();
        long pair = api.post(
                        "/api/pairs",
                        "{\"name\":\"Prod to Backup " + suffix + "\",\"source_instance_id\":" + a
                                + ",\"target_instance_id\":" + a + ",\"mirror_direction\":\"push\"}")
                .body()
                .path("id")
                .asLong();
        insert(pair, 1, "platform/core/api", new MirrorRecord.Overrides(null, true, null, null, "^main$", null), true);
        insert(pair, 2, "frontend/web", MirrorRecord.Overrides.NONE, false);

        ApiClient.Response all = api.get("/api/export/pair/" + pair);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.raw().headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"mirrors_Prod_to_Backup_" + suffix + ".json\"");
        JsonNode file = all.body();
        assertThat(file.path("pair_id").asLong()).isEqualTo(pair);
        assertThat(file.path("metadata").path("total_mirrors").asInt()).isEqualTo(2);
        assertThat(file.path("metadata").path("source_instance_url").asString()).isEqualTo(GITLAB.url());
        assertThat(file.path("metadata").path("mirror_direction").asString()).isEqualTo("push");
        JsonNode first = file.path("mirrors").get(0);
        assertThat(first.path("source_project_path").asString()).isEqualTo("platform/core/api");
        assertThat(first.path("mirror_overwrite_diverged").asBoolean()).isTrue();
        assertThat(first.path("mirror_branch_regex").asString()).isEqualTo("^main$");
        assertThat(first.path("mirror_trigger_builds").isNull())
                .as("null = inherit")
                .isTrue();
        assertThat(file.path("mirrors").get(1).path("enabled").asBoolean()).isFalse();

        JsonNode platform =
                api.get("/api/export/pair/" + pair + "?group_path=platform").body();
        assertThat(platform.path("mirrors").size()).isEqualTo(1);
        assertThat(platform.path("metadata").path("group_path").asString()).isEqualTo("platform");
        assertThat(api.get("/api/export/pair/999999").status()).isEqualTo(404);
        assertThat(ExportController.safe("  ../weird\nname!  ")).isEqualTo("weirdname");
    }

    private void insert(long pair, long offset, String path, MirrorRecord.Overrides overrides, boolean enabled) {
        long id = 800_000_000L + pair * 10 + offset;
        Instant now = Instant.now();
        mongo.insert(new MirrorRecord(
                id,
                pair,
                1,
                1,
                id,
                path,
                id,
                path,
                "push",
                overrides,
                enabled,
                "active",
                1L,
                null,
                null,
                "finished",
                now,
                now,
                now,
                null,
                now,
                List.of(),
                false,
                false,
                now,
                now));
    }
}
