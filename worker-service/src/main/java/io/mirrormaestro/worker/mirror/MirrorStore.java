package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The worker's writes to a mirror document: only the observed part (what GitLab has) and the lifecycle, each as a
 * single-document {@code $set}, so api-service's concurrent writes to the desired part are never overwritten.
 */
@Component
class MirrorStore {

    /** The command whose sync the mirror's pending follow-up reads the outcome of (worker-only, like the lock). */
    static final String FOLLOW_UP = "sync_follow_up";

    private final MongoTemplate mongo;
    private final MirrorLock lock;

    MirrorStore(MongoTemplate mongo, MirrorLock lock) {
        this.mongo = mongo;
        this.lock = lock;
    }

    /** The mirror now exists in GitLab with these credentials: a fresh start for everything observed. */
    void recordInGitLab(long id, Long gitlabMirrorId, Credentials credentials, Instant now) {
        mongo.updateFirst(byId(id), inGitLab(gitlabMirrorId, credentials, now), MirrorRecord.class);
    }

    /**
     * A create's end: recorded as in GitLab and active, in one write. False when a deletion was requested meanwhile:
     * that wins, the lifecycle stays {@code deleting} (what GitLab has is recorded all the same).
     */
    boolean recordCreated(long id, Long gitlabMirrorId, Credentials credentials, Instant now) {
        Query notDeleting = new Query(where("_id").is(id).and("lifecycle").ne(MirrorRecord.DELETING));
        Update activated = inGitLab(gitlabMirrorId, credentials, now).set("lifecycle", MirrorRecord.ACTIVE);
        if (mongo.updateFirst(notDeleting, activated, MirrorRecord.class).getMatchedCount() > 0) {
            return true;
        }
        recordInGitLab(id, gitlabMirrorId, credentials, now);
        return false;
    }

    private static Update inGitLab(Long gitlabMirrorId, Credentials credentials, Instant now) {
        Update update = new Update();
        if (credentials.perMirror()) {
            update.unset("group_token_id"); // its own token, see MirrorTokenRecord
        } else {
            update.set("group_token_id", credentials.tokenId());
        }
        update.set("token_expires_at", credentials.expiresAt())
                .unset("last_error")
                .set("orphaned", false)
                .set("drift", List.of())
                .set("updated_at", now);
        if (gitlabMirrorId != null) {
            update.set("mirror_id", gitlabMirrorId);
        }
        return update;
    }

    /** GitLab now holds a group token for the mirror: the token of its own it had until now is no longer used. */
    void dropOwnToken(long id) {
        mongo.remove(byId(id), MirrorTokenRecord.class);
    }

    /** Creation failed for good. An active mirror (a repeated create) or one being deleted keeps its lifecycle. */
    void markFailed(long id, String reason, Instant now) {
        Query notYetInGitLab =
                new Query(where("_id").is(id).and("lifecycle").in(MirrorRecord.PENDING, MirrorRecord.FAILED));
        mongo.updateFirst(
                notYetInGitLab,
                new Update()
                        .set("lifecycle", MirrorRecord.FAILED)
                        .set("last_error", reason)
                        .set("updated_at", now),
                MirrorRecord.class);
    }

    void recordSettingsApplied(long id, Instant now) {
        mongo.updateFirst(
                byId(id),
                new Update().set("drift", List.of()).set("orphaned", false).set("updated_at", now),
                MirrorRecord.class);
    }

    /**
     * GitLab accepted a sync request: the last write of the requesting command, which releases the mirror's lock in
     * it. The command becomes the mirror's one follow-up: a follow-up of an earlier sync finds itself replaced and
     * stops.
     */
    void recordSyncRequested(long id, String status, UUID command, Instant now) {
        lock.writeAndRelease(id, command, () -> new Update()
                .set("last_update_status", status)
                .unset("paused") // GitLab accepted the request: not paused
                .set(FOLLOW_UP, command.toString())
                .set("updated_at", now));
    }

    /** The mirror, when it exists and {@code followUp} is still its follow-up (no newer sync replaced it). */
    MirrorRecord followedUp(long id, UUID followUp) {
        return mongo.findOne(byFollowUp(id, followUp), MirrorRecord.class);
    }

    /**
     * How GitLab ended the sync {@code followUp} asked for, recorded as verify records it and ending the follow-up.
     * False when a newer sync replaced the follow-up meanwhile (or the mirror is gone): nothing is written then.
     */
    boolean recordSyncEnded(long id, UUID followUp, Observation observed, boolean stuck) {
        Update update = observed(observed, stuck).unset(FOLLOW_UP);
        return mongo.updateFirst(byFollowUp(id, followUp), update, MirrorRecord.class)
                        .getMatchedCount()
                > 0;
    }

    void recordObservation(long id, Observation observed, boolean stuck, List<String> drift, Instant now) {
        mongo.updateFirst(
                byId(id),
                observed(observed, stuck)
                        .set("drift", drift)
                        .set("orphaned", false)
                        .set("last_checked_at", now),
                MirrorRecord.class);
    }

    /**
     * What a status refresh read, written only if the observed fields are still those the refresh compared against
     * (a command or follow-up that wrote meanwhile wins). False when they changed.
     */
    boolean recordRefreshed(MirrorRecord before, Observation observed, boolean stuck, List<String> drift) {
        Query unchanged = new Query(where("_id")
                .is(before.id())
                .and("lifecycle")
                .is(MirrorRecord.ACTIVE)
                .and("last_update_status")
                .is(before.lastUpdateStatus())
                .and("last_update_at")
                .is(before.lastUpdateAt())
                .and("last_error")
                .is(before.lastError()));
        Update update = observed(observed, stuck).set("orphaned", false).set("drift", drift);
        if ("finished".equals(observed.status())) {
            update.unset("paused"); // it pulled again: resumed in GitLab
        }
        return mongo.updateFirst(unchanged, update, MirrorRecord.class).getMatchedCount() > 0;
    }

    /** GitLab's update state of the mirror onto our record; the one mapping verify and sync follow-ups share. */
    private static Update observed(Observation observed, boolean stuck) {
        return new Update()
                .set("last_update_status", observed.status())
                .set("last_update_at", observed.lastUpdateAt())
                .set("last_update_started_at", observed.lastUpdateStartedAt())
                .set("last_successful_update", observed.lastSuccessfulUpdate())
                .set("last_error", observed.lastError())
                .set("stuck", stuck);
    }

    /** Checked, and GitLab has nothing to report (a disabled pull mirror): only the check itself is news. */
    void recordChecked(long id, Instant now) {
        mongo.updateFirst(
                byId(id),
                new Update()
                        .set("stuck", false)
                        .set("drift", List.of())
                        .set("orphaned", false)
                        .set("last_checked_at", now),
                MirrorRecord.class);
    }

    /** GitLab refused to start a pull: the mirror is paused after repeated failures, with GitLab's words. */
    void markPaused(long id, String gitlabMessage, Instant now) {
        mongo.updateFirst(
                byId(id),
                new Update()
                        .set("paused", true)
                        .set("last_error", gitlabMessage)
                        .set("last_checked_at", now),
                MirrorRecord.class);
    }

    void markOrphaned(long id, String why, Instant now) {
        mongo.updateFirst(
                byId(id),
                new Update()
                        .set("orphaned", true)
                        .set("stuck", false)
                        .set("drift", List.of())
                        .set("last_error", why)
                        .set("last_checked_at", now),
                MirrorRecord.class);
    }

    void remove(long id) {
        mongo.remove(byId(id), MirrorRecord.class);
    }

    private static Query byId(long id) {
        return new Query(where("_id").is(id));
    }

    private static Query byFollowUp(long id, UUID followUp) {
        return new Query(where("_id").is(id).and(FOLLOW_UP).is(followUp.toString()));
    }
}
