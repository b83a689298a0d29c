package io.mirrormaestro.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorSyncRequested;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** The journal stores what the live listener has not, and leaves alone what it has. */
class EventJournalTest extends ApiIntegrationTest {

    @Autowired
    ActivityLog activity;

    @Autowired
    MongoTemplate mongo;

    private final long mirrorId = 900_000_000L + (System.nanoTime() % 1_000_000);

    @AfterEach
    void forget() {
        mongo.remove(Query.query(Criteria.where("subject_id").is("mirror:" + mirrorId)), ActivityEntry.class);
    }

    @Test
    void onlyEventsNotYetInTheLogAreStoredAndHandedOn() {
        Event seen = event("seen");
        Event missed = event("missed");
        activity.record(List.of(seen)); // the live listener had this one

        assertThat(activity.storeUnrecorded(List.of(seen, missed))).containsExactly(missed);
        assertThat(activity.storeUnrecorded(List.of(seen, missed))).isEmpty();
        assertThat(mongo.count(Query.query(Criteria.where("subject_id").is("mirror:" + mirrorId)), ActivityEntry.class))
                .isEqualTo(2);
    }

    @Test
    void anOutcomeIsRecordedUnderTheActorOfItsCommandAndWorkNobodyAskedForUnderSystem() {
        Event asked = event("asked for");
        Event onItsOwn = event("refreshed");
        mongo.insert(ActivityEntry.of(
                UUID.randomUUID(),
                asked.commandId(),
                asked.commandId(),
                "CommandAccepted",
                "SyncMirror",
                "mirror:" + mirrorId,
                "accepted",
                "SyncMirror accepted",
                "alice",
                Instant.now()));

        activity.record(List.of(asked));
        activity.storeUnrecorded(List.of(onItsOwn));

        assertThat(mongo.findById(asked.eventId(), ActivityEntry.class).actor()).isEqualTo("alice");
        assertThat(mongo.findById(onItsOwn.eventId(), ActivityEntry.class).actor())
                .isEqualTo(ActivityLog.SYSTEM);
    }

    private Event event(String detail) {
        UUID command = UUID.randomUUID();
        return new MirrorSyncRequested(
                UUID.randomUUID(), command, command, Instant.now(), mirrorId, "SyncMirror", detail, 1, null);
    }
}
