package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.worker.command.EventPublisher;
import io.mirrormaestro.worker.gitlab.GitLabFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Tells once per outage that the status refresh cannot reach a GitLab instance (no connection, a timeout, a 5xx),
 * as a {@link CommandFailed} on {@code instance:<id>}: the same event a failed instance check publishes, so the
 * notification rule "instance unreachable" hears the refresh too. An outage is marked on the instance's document
 * ({@value #FIELD}) with one conditional write, so a thousand projects failing on several workers make one event;
 * the first project read again clears it, and the next outage is told again.
 */
@Component
class RefreshReachability {

    static final String FIELD = "refresh_unreachable_since";

    /** How long a worker trusts that it found no outage mark, so a healthy estate does not look on every read. */
    private static final Duration CLEARED_FOR = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final EventPublisher events;
    private final Clock clock;
    private final Map<Long, Instant> clearedAt = new ConcurrentHashMap<>();

    RefreshReachability(MongoTemplate mongo, EventPublisher events, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
    }

    /** GitLab itself did not answer: no connection, a timeout, or a 5xx; not a 4xx, not our own limits. */
    static boolean unreachable(GitLabFailure failure) {
        if (failure == null) {
            return false;
        }
        Integer status = failure.httpStatus();
        return status != null ? status >= 500 : failure.message().startsWith("GitLab unreachable");
    }

    void failed(InstanceRecord instance, GitLabFailure failure) {
        clearedAt.remove(instance.id());
        Instant now = clock.instant();
        boolean first = mongo.updateFirst(
                                Query.query(where("_id")
                                        .is(instance.id())
                                        .and(FIELD)
                                        .exists(false)),
                                new Update().set(FIELD, now),
                                InstanceRecord.COLLECTION)
                        .getModifiedCount()
                > 0;
        if (!first) {
            return; // told already in this outage
        }
        // marked before publishing: a crash in between loses this outage's message rather than sending it twice
        UUID id = UUID.nameUUIDFromBytes(
                ("refresh-unreachable/" + instance.id() + "/" + now.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        events.publish(new CommandFailed(
                id,
                id,
                id,
                now,
                Subjects.instance(instance.id()),
                StatusRefresh.COMMAND_TYPE,
                0,
                failure.httpStatus(),
                "the status refresh cannot reach " + instance.name() + ": " + failure.message(),
                null));
    }

    void reached(InstanceRecord instance) {
        Instant now = clock.instant();
        Instant cleared = clearedAt.get(instance.id());
        if (cleared != null && cleared.isAfter(now.minus(CLEARED_FOR))) {
            return;
        }
        // matches nothing (and writes nothing) unless an outage was marked
        mongo.updateFirst(
                Query.query(where("_id").is(instance.id()).and(FIELD).exists(true)),
                new Update().unset(FIELD),
                InstanceRecord.COLLECTION);
        clearedAt.put(instance.id(), now);
    }
}
