package io.mirrormaestro.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Every stored activity entry carries its subject's type and its hour, written with it or filled in later. */
class ActivityFacetsTest extends ApiIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private final String subject = "mirror:" + UUID.randomUUID();
    private final Instant at = Instant.parse("2020-03-04T05:06:07.089Z");

    @AfterEach
    void forget() {
        mongo.remove(Query.query(Criteria.where("subject_id").is(subject)), ActivityFacets.COLLECTION);
    }

    @Test
    void entriesAreWrittenWithSubjectTypeAndHour() {
        mongo.insert(ActivityEntry.of(
                UUID.randomUUID(), null, null, "MirrorSynced", "SyncMirror", subject, "succeeded", "m", null, at));
        assertFacets(stored());
    }

    @Test
    void entriesStoredWithoutThemGetThemAtStart() {
        mongo.insert(
                new Document("_id", UUID.randomUUID().toString())
                        .append("subject_id", subject)
                        .append("outcome", "failed")
                        .append("occurred_at", Date.from(at)),
                ActivityFacets.COLLECTION);
        assertThat(stored().get(ActivityFacets.OCCURRED_HOUR)).isNull();

        assertThat(ActivityFacets.backfill(mongo)).isGreaterThanOrEqualTo(1);

        assertFacets(stored());
        assertThat(ActivityFacets.backfill(mongo)).isZero();
    }

    @Test
    void subjectTypes() {
        assertThat(ActivityFacets.subjectType("mirror:42")).isEqualTo("mirror");
        assertThat(ActivityFacets.subjectType("batch:7:line")).isEqualTo("batch");
        assertThat(ActivityFacets.subjectType("settings")).isEqualTo("settings");
        assertThat(ActivityFacets.subjectType(null)).isNull();
    }

    private Document stored() {
        return mongo.findOne(
                Query.query(Criteria.where("subject_id").is(subject)), Document.class, ActivityFacets.COLLECTION);
    }

    private void assertFacets(Document entry) {
        assertThat(entry.get(ActivityFacets.SUBJECT_TYPE)).isEqualTo("mirror");
        assertThat(entry.get(ActivityFacets.OCCURRED_HOUR)).isEqualTo(Date.from(Instant.parse("2020-03-04T05:00:00Z")));
    }
}
