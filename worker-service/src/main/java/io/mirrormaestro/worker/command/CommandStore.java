package io.mirrormaestro.worker.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The worker's writes to a command's record. Every transition is one conditional single-document update, so two
 * workers (or a redelivered message and a retry job) can never both own an attempt.
 */
@Component
class CommandStore {

    private final MongoTemplate mongo;

    CommandStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<CommandRecord> find(UUID id) {
        return Optional.ofNullable(mongo.findById(id, CommandRecord.class));
    }

    /** Commands this worker still runs keep their leases. */
    void extendLeases(Set<UUID> ids, Instant until) {
        if (!ids.isEmpty()) {
            mongo.updateMulti(
                    new Query(where("_id").in(ids).and("status").is(CommandStatus.RUNNING)),
                    new Update().set("lease_until", until),
                    CommandRecord.class);
        }
    }

    /** Claims an accepted command, or one whose previous owner's lease ran out. */
    Optional<CommandRecord> claimFirstAttempt(UUID id, Instant now, Instant leaseUntil) {
        return claim(
                id,
                new Criteria().orOperator(where("status").is(CommandStatus.ACCEPTED), leaseExpired(now)),
                now,
                leaseUntil);
    }

    /** Claims a command waiting for the given attempt, or one whose previous owner's lease ran out. */
    Optional<CommandRecord> claimRetry(UUID id, int attempt, Instant now, Instant leaseUntil) {
        Criteria waiting = where("status")
                .is(CommandStatus.RETRY_SCHEDULED)
                .and("attempts")
                .is(attempt - 1);
        return claim(id, new Criteria().orOperator(waiting, leaseExpired(now)), now, leaseUntil);
    }

    private static Criteria leaseExpired(Instant now) {
        return where("status").is(CommandStatus.RUNNING).and("lease_until").lt(now);
    }

    /** Which worker process ran a command's last attempt ({@code pid@host}), for operators and the benchmark. */
    static final String WORKER =
            java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    private Optional<CommandRecord> claim(UUID id, Criteria claimable, Instant now, Instant leaseUntil) {
        Query query = new Query(new Criteria().andOperator(where("_id").is(id), claimable));
        Update update = new Update()
                .set("status", CommandStatus.RUNNING)
                .inc("attempts", 1)
                .set("published", true)
                .set("lease_until", leaseUntil)
                .set("worker", WORKER)
                .set("updated_at", now);
        return Optional.ofNullable(mongo.findAndModify(
                query, update, FindAndModifyOptions.options().returnNew(true), CommandRecord.class));
    }

    /**
     * Ends the lease of an attempt this worker stopped without an outcome, so that the next claim takes it over now.
     *
     * @return false when the attempt is no longer this worker's to hand back
     */
    boolean handBack(UUID id, int attempt, Instant now) {
        Query ownAttempt = new Query(
                where("_id").is(id).and("attempts").is(attempt).and("status").is(CommandStatus.RUNNING));
        return mongo.updateFirst(
                                ownAttempt,
                                new Update().set("lease_until", now).set("updated_at", now),
                                CommandRecord.class)
                        .getModifiedCount()
                > 0;
    }

    /**
     * @param outcome the type of the success event ({@code MirrorImportSkipped}, ...), kept as {@code outcome} so
     *     that a batch line settled from the record alone (its event missed) tells a skip from a success
     */
    void succeeded(UUID id, int attempt, String result, String outcome, Instant now) {
        finish(
                id,
                attempt,
                CommandStatus.SUCCEEDED,
                now,
                new Update().set("result", result).set("outcome", outcome).unset("last_error"));
    }

    void failed(UUID id, int attempt, String error, Instant now) {
        finish(id, attempt, CommandStatus.FAILED, now, new Update().set("last_error", error));
    }

    void retryScheduled(UUID id, int attempt, String error, Instant nextAttemptAt, Instant now) {
        finish(
                id,
                attempt,
                CommandStatus.RETRY_SCHEDULED,
                now,
                new Update().set("last_error", error).set("next_attempt_at", nextAttemptAt));
    }

    private void finish(UUID id, int attempt, CommandStatus status, Instant now, Update update) {
        Query ownAttempt = new Query(
                where("_id").is(id).and("attempts").is(attempt).and("status").is(CommandStatus.RUNNING));
        mongo.updateFirst(
                ownAttempt,
                update.set("status", status).set("updated_at", now).unset("lease_until"),
                CommandRecord.class);
    }
}
