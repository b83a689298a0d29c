package io.mirrormaestro.api.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A command's final outcome, taken from its event when its record does not show it yet. The worker writes the
 * outcome and then publishes the event, so the record normally leads; but a store that loses its last writes when
 * it is killed (the embedded MongoDB, whose file lags its memory) can keep a command {@code accepted} whose success
 * or failure is on Kafka and in the activity log. Such a command would answer {@code accepted} for ever, and a second
 * delivery of it would run it again. Only commands still {@code accepted} are settled: a running one is the worker's
 * to finish, and a retry's lease lapse is the sweep's.
 */
@Component
public class CommandOutcomes {

    private final MongoTemplate mongo;
    private final Clock clock;

    CommandOutcomes(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Settles from the final outcomes among {@code events} (one write for the successes, one per failure). */
    public void settleFrom(List<Event> events) {
        List<UUID> succeeded = events.stream()
                .filter(e -> e.outcome() == Event.Outcome.SUCCEEDED && e.commandId() != null)
                .map(Event::commandId)
                .distinct()
                .toList();
        if (!succeeded.isEmpty()) {
            mongo.updateMulti(
                    Query.query(where("_id").in(succeeded).and("status").is(CommandStatus.ACCEPTED)),
                    new Update()
                            .set("status", CommandStatus.SUCCEEDED)
                            .set("published", true)
                            .set("updated_at", clock.instant()),
                    CommandRecord.class);
        }
        for (Event event : events) {
            if (event instanceof CommandFailed failed && failed.commandId() != null) {
                mongo.updateFirst(
                        Query.query(where("_id")
                                .is(failed.commandId())
                                .and("status")
                                .is(CommandStatus.ACCEPTED)),
                        new Update()
                                .set("status", CommandStatus.FAILED)
                                .set("published", true)
                                .set("last_error", failed.reason())
                                .set("updated_at", clock.instant()),
                        CommandRecord.class);
            }
        }
    }
}
