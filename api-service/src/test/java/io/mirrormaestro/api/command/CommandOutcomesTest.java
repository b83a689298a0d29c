package io.mirrormaestro.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorSyncRequested;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Commands whose records a killed store lost the last writes of (found by the fault suite's kill -9 of the whole run
 * mid-batch-sync: 116 of 12,002 commands answered {@code accepted} for ever while their success was on Kafka and in
 * the activity log) are settled from their final events.
 */
class CommandOutcomesTest extends ApiIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CommandOutcomes outcomes;

    @Test
    void anAcceptedCommandWhoseFinalEventArrivedTakesItsOutcomeAndOthersAreLeftAlone() {
        UUID lostSuccess = command(CommandStatus.ACCEPTED);
        UUID lostFailure = command(CommandStatus.ACCEPTED);
        UUID running = command(CommandStatus.RUNNING);
        UUID waiting = command(CommandStatus.ACCEPTED);
        UUID done = command(CommandStatus.SUCCEEDED);

        outcomes.settleFrom(List.of(
                changed(lostSuccess),
                changed(running),
                changed(done),
                new CommandFailed(
                        UUID.randomUUID(),
                        lostFailure,
                        lostFailure,
                        Instant.now(),
                        "mirror:2",
                        "SyncMirror",
                        3,
                        403,
                        "GitLab answered 403 Forbidden",
                        null)));

        assertThat(status(lostSuccess)).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(mongo.findById(lostSuccess, CommandRecord.class).published()).isTrue();
        assertThat(status(lostFailure)).isEqualTo(CommandStatus.FAILED);
        assertThat(mongo.findById(lostFailure, CommandRecord.class).lastError())
                .isEqualTo("GitLab answered 403 Forbidden");
        assertThat(status(running)).as("the worker's to finish").isEqualTo(CommandStatus.RUNNING);
        assertThat(status(waiting)).as("no event for it").isEqualTo(CommandStatus.ACCEPTED);
        assertThat(status(done)).isEqualTo(CommandStatus.SUCCEEDED);
    }

    private UUID command(CommandStatus status) {
        UUID id = UUID.randomUUID();
        mongo.insert(CommandRecord.accepted(id, "SyncMirror", "mirror:1", "{}", Instant.now()));
        if (status != CommandStatus.ACCEPTED) {
            mongo.updateFirst(
                    org.springframework.data.mongodb.core.query.Query.query(
                            org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                    .is(id)),
                    Update.update("status", status),
                    CommandRecord.class);
        }
        return id;
    }

    private CommandStatus status(UUID id) {
        return mongo.findById(id, CommandRecord.class).status();
    }

    private static Event changed(UUID command) {
        return new MirrorSyncRequested(
                UUID.randomUUID(), command, command, Instant.now(), 1L, "SyncMirror", "sync requested", 1, null);
    }
}
