package io.mirrormaestro.api.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.Sequences;
import io.mirrormaestro.testing.ApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Search matches literally and case-insensitively, per category, with UI routes. */
class SearchApiTest extends EstateApiTest {

    @Test
    void findsInstancesPairsMirrorsAndGroupsWithTheirRoutes() {
        JsonNode found = search(estate.tag.toUpperCase(), 50);

        assertThat(found.path("query").asString()).isEqualTo(estate.tag.toUpperCase());
        assertThat(titles(found.path("instances")))
                .containsExactlyInAnyOrder(estate.a.name(), estate.b.name(), estate.c.name());
        assertThat(found.path("instances").get(0).path("url").asString()).isEqualTo("/instances");
        assertThat(found.path("instances").get(0).path("type").asString()).isEqualTo("instance");
        JsonNode pair = StreamSupport.stream(found.path("pairs").spliterator(), false)
                .filter(p -> p.path("id").asLong() == estate.push.id())
                .findFirst()
                .orElseThrow();
        assertThat(pair.path("url").asString()).isEqualTo("/pairs/" + estate.push.id());
        assertThat(found.path("mirrors").size()).isEqualTo(9);
        JsonNode mirror = found.path("mirrors").get(0);
        assertThat(mirror.path("url").asString())
                .isEqualTo("/mirrors/" + mirror.path("id").asLong());
        assertThat(titles(found.path("groups"))).containsExactly(estate.tag, estate.tag + "/core");
        assertThat(found.path("groups").get(1).path("subtitle").asString()).isEqualTo("9 mirrors");
        assertThat(found.path("groups").get(1).path("url").asString())
                .isEqualTo("/mirrors?group_path=" + URLEncoder.encode(estate.tag + "/core", StandardCharsets.UTF_8));
        assertThat(found.path("total_count").asLong()).isEqualTo(3 + 3 + 9 + 2);

        JsonNode limited = search(estate.tag, 2);
        assertThat(limited.path("mirrors").size()).isEqualTo(2);
        assertThat(limited.path("instances").size()).isEqualTo(2);
    }

    @Test
    void regularExpressionCharactersMatchThemselves() {
        long id = Sequences.reserve(mongo, "mirrors", 2);
        mirror(id, estate.tag + "/odd/a.b+c(1)");
        mirror(id + 1, estate.tag + "/odd/axbbc1");

        assertThat(titles(search("a.b+c(1)", 10).path("mirrors"))).containsExactly(estate.tag + "/odd/a.b+c(1)");
        for (String q : List.of("(", "[", "*", "\\", ".*", "^$", "\\E.*\\Q", "?", "{2}")) {
            ApiClient.Response response = api.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertThat(response.status()).as(q + ": " + response.text()).isEqualTo(200);
        }
        assertThat(search(".*", 50).path("mirrors").size())
                .as("nothing is named '.*'")
                .isZero();
    }

    private void mirror(long id, String path) {
        mongo.insert(MirrorRecord.desired(
                id,
                estate.push.id(),
                estate.a.id(),
                estate.b.id(),
                id,
                path,
                id,
                path,
                "push",
                MirrorRecord.Overrides.NONE,
                true,
                MirrorRecord.ACTIVE,
                Instant.now()));
    }

    private JsonNode search(String q, int limit) {
        ApiClient.Response response =
                api.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&limit=" + limit);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private static List<String> titles(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(i -> i.path("title").asString())
                .toList();
    }
}
