package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.WorkerSettings;
import io.mirrormaestro.worker.command.LeaseKeeper;
import io.mirrormaestro.worker.command.RetryLaterException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Serializes GitLab work per mirror across all workers. Kafka keeps one mirror's commands in order, but a retry runs
 * from JobRunr on any worker, beside whatever the mirror's partition delivers next: without the lock a delete could
 * run while a create is half done and leave a mirror in GitLab that nothing knows about.
 *
 * <p>The lock is two fields on the mirror document, claimed with one conditional findAndModify. It expires after the
 * command lease, so a worker that dies holding it blocks the mirror no longer than it blocks the command. The same
 * command may claim it again (its attempt after a crash).
 */
@Component
class MirrorLock {

    static final String OWNER = "lock_owner";
    static final String UNTIL = "lock_until";

    private final MongoTemplate mongo;
    private final WorkerSettings settings;
    private final Clock clock;

    MirrorLock(MongoTemplate mongo, WorkerSettings settings, Clock clock, LeaseKeeper leases) {
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
        leases.register(this::extendHeld);
    }

    /** The locks this worker holds (mirror id → owning command), renewed until released. */
    private final Map<Long, String> held = new ConcurrentHashMap<>();

    private void extendHeld(Instant until) {
        Map<Long, String> now = Map.copyOf(held);
        if (!now.isEmpty()) {
            mongo.updateMulti(
                    new Query(where("_id").in(now.keySet()).and(OWNER).in(now.values())),
                    new Update().set(UNTIL, Date.from(until)),
                    MirrorCollection.NAME);
        }
    }

    /**
     * @return the locked mirror; empty when it does not exist
     * @throws RetryLaterException while another command holds it
     */
    Optional<MirrorRecord> acquire(long mirrorId, UUID commandId) {
        Instant now = clock.instant();
        String owner = commandId.toString();
        Criteria free = new Criteria()
                .orOperator(
                        where(OWNER).is(null),
                        where(OWNER).is(owner),
                        where(UNTIL).lt(Date.from(now)));
        MirrorRecord locked = mongo.findAndModify(
                new Query(new Criteria().andOperator(where("_id").is(mirrorId), free)),
                new Update().set(OWNER, owner).set(UNTIL, Date.from(now.plus(settings.lease()))),
                FindAndModifyOptions.options().returnNew(true),
                MirrorRecord.class);
        if (locked != null) {
            held.put(mirrorId, owner);
            return Optional.of(locked);
        }
        Query byId = new Query(where("_id").is(mirrorId));
        byId.fields().include(OWNER).include(UNTIL);
        Document holder = mongo.findOne(byId, Document.class, MirrorCollection.NAME);
        if (holder == null) {
            return Optional.empty();
        }
        throw new RetryLaterException(
                "mirror " + mirrorId + " is busy with command " + holder.get(OWNER) + "; trying again later", null);
    }

    /** Inserts a new mirror already locked for the command (a duplicate key stays the caller's to handle). */
    void insertLocked(MirrorRecord mirror, UUID commandId) {
        Document document = new Document();
        mongo.getConverter().write(mirror, document);
        document.put(OWNER, commandId.toString());
        document.put(UNTIL, Date.from(clock.instant().plus(settings.lease())));
        mongo.insert(document, MirrorCollection.NAME);
        held.put(mirror.id(), commandId.toString());
    }

    /**
     * A command's last write to its mirror, with the lock released in the same write (one MongoDB round trip less
     * per command; {@link #release} then has nothing left to do). A command that no longer holds the lock (its lease
     * ran out and another command took it) writes alone and leaves the lock to its holder.
     */
    void writeAndRelease(long mirrorId, UUID commandId, Supplier<Update> write) {
        String owner = commandId.toString();
        if (held.remove(mirrorId, owner)) {
            try {
                Update releasing = write.get().unset(OWNER).unset(UNTIL);
                Query ours = new Query(where("_id").is(mirrorId).and(OWNER).is(owner));
                if (mongo.updateFirst(ours, releasing, MirrorRecord.class).getMatchedCount() > 0) {
                    return;
                }
            } catch (RuntimeException e) {
                held.put(mirrorId, owner); // still ours: release() tries again
                throw e;
            }
        }
        mongo.updateFirst(new Query(where("_id").is(mirrorId)), write.get(), MirrorRecord.class);
    }

    void release(long mirrorId, UUID commandId) {
        if (!held.remove(mirrorId, commandId.toString())) {
            return; // released by the command's last write, see writeAndRelease
        }
        mongo.updateFirst(
                new Query(where("_id").is(mirrorId).and(OWNER).is(commandId.toString())),
                new Update().unset(OWNER).unset(UNTIL),
                MirrorCollection.NAME);
    }
}
