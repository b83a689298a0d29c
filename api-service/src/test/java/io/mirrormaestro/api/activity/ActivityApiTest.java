package io.mirrormaestro.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class ActivityApiTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private ApiClient api;
    private String subject;
    private final Instant start = Instant.parse("2031-05-01T10:00:00Z");

    @BeforeEach
    void log() {
        api = new ApiClient(port, USER, PASSWORD);
        // a subject no other test uses, so this test sees only its own entries in the shared database
        subject = "mirror:" + UUID.randomUUID();
        entry(0, "ConfigurationChanged", "succeeded", USER, "m0");
        entry(1, "CommandAccepted", "accepted", USER, "m1");
        entry(2, "MirrorSyncFailed", "failed", null, "m2");
        entry(3, "MirrorSyncFailed", "failed", null, "m3");
        // three in the same millisecond: paging must neither skip nor repeat them
        entry(4, "MirrorSynced", "succeeded", null, "m4a");
        entry(4, "MirrorSynced", "succeeded", null, "m4b");
        entry(4, "MirrorSynced", "succeeded", null, "m4c");
        entry(5, "CommandAccepted", "accepted", "someone-else", "m5");
    }

    @AfterEach
    void forget() {
        // its entries lie in 2031: left behind, they would be the newest of every other test's activity
        mongo.remove(Query.query(Criteria.where("subject_id").is(subject)), ActivityEntry.class);
    }

    @Test
    void entriesFilterByOutcomeActorAndTypeExactly() {
        assertThat(messages("outcome=failed")).containsExactly("m3", "m2");
        assertThat(messages("actor=" + USER)).containsExactly("m1", "m0");
        assertThat(messages("actor=someone")).isEmpty();
        assertThat(messages("type=CommandAccepted")).containsExactly("m5", "m1");
        assertThat(messages("type=CommandAccepted&actor=" + USER)).containsExactly("m1");
        assertThat(messages("outcome=fail")).as("exact, not a prefix").isEmpty();
    }

    @Test
    void everyEntryHasAnActorFieldEvenWhenAWorkerDidIt() {
        JsonNode entries = api.get("/api/activity?subject_id=" + subject).body();

        assertThat(entries.valueStream()).allMatch(e -> e.has("actor"));
        assertThat(entries.get(0).path("actor").asString()).isEqualTo("someone-else");
        assertThat(entries.get(1).path("actor").isNull()).isTrue();
    }

    @Test
    void theIdOfTheLastEntryPagesBackWithoutSkippingOrRepeating() {
        List<String> seen = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 10; page++) {
            JsonNode entries = api.get(
                            "/api/activity?limit=2&subject_id=" + subject + (before == null ? "" : "&before=" + before))
                    .body();
            if (entries.isEmpty()) {
                break;
            }
            entries.valueStream().forEach(e -> seen.add(e.path("message").asString()));
            before = entries.get(entries.size() - 1).path("id").asString();
        }

        assertThat(seen).hasSize(8).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 1)).containsExactly("m5");
        assertThat(seen.subList(1, 4)).containsExactlyInAnyOrder("m4a", "m4b", "m4c");
        assertThat(seen.subList(4, 8)).containsExactly("m3", "m2", "m1", "m0");
    }

    @Test
    void anInstantKeepsTheStrictlyOlderEntries() {
        assertThat(messages("before=" + start.plusSeconds(4))).containsExactly("m3", "m2", "m1", "m0");
        assertThat(messages("before=" + start.plusSeconds(4) + "&outcome=failed&limit=1"))
                .containsExactly("m3");
        assertThat(messages("before=" + start)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "before=yesterday, before",
        "before=2031-05-01, before",
        "before=00000000-0000-0000-0000-000000000000, before",
        "limit=0, limit",
        "command_id=nope, command_id"
    })
    void invalidParametersAreRefusedByName(String query, String field) {
        ApiClient.Response response = api.get("/api/activity?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
    }

    private List<String> messages(String query) {
        return api.get("/api/activity?subject_id=" + subject + "&" + query)
                .body()
                .valueStream()
                .map(e -> e.path("message").asString())
                .toList();
    }

    private void entry(int second, String type, String outcome, String actor, String message) {
        mongo.insert(ActivityEntry.of(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                type,
                "SyncMirror",
                subject,
                outcome,
                message,
                actor,
                start.plusSeconds(second)));
    }
}
