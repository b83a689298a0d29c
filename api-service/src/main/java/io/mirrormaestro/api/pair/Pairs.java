package io.mirrormaestro.api.pair;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.NotFoundException;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.store.Cascade;
import io.mirrormaestro.api.store.Uniqueness;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.settings.PullMirroring;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Instance pairs and their default mirror settings. Instances and direction lock once the pair has mirrors. */
@Component
public class Pairs {

    private final MongoTemplate mongo;
    private final Cascade cascade;
    private final ActivityLog activity;
    private final Clock clock;

    Pairs(MongoTemplate mongo, Cascade cascade, ActivityLog activity, Clock clock) {
        this.mongo = mongo;
        this.cascade = cascade;
        this.activity = activity;
        this.clock = clock;
    }

    List<PairRecord> list(Long sourceInstanceId, Long targetInstanceId, String direction) {
        Query query = new Query().with(Sort.by("_id"));
        if (sourceInstanceId != null) {
            query.addCriteria(where("source_instance_id").is(sourceInstanceId));
        }
        if (targetInstanceId != null) {
            query.addCriteria(where("target_instance_id").is(targetInstanceId));
        }
        if (direction != null) {
            query.addCriteria(where("mirror_direction").is(DirectionInput.required(direction)));
        }
        return mongo.find(query, PairRecord.class);
    }

    public PairRecord get(long id) {
        return Lookups.require(mongo, PairRecord.class, id, "instance pair");
    }

    PairRecord create(PairRecord draft) {
        requireInstance("source_instance_id", draft.sourceInstanceId());
        requireInstance("target_instance_id", draft.targetInstanceId());
        if (draft.mirrorDirection().equals("pull")) {
            requirePullMirroring(draft.targetInstanceId(), "mirror_direction");
        }
        check(draft);
        requireFreeName(draft.name(), null);
        Instant now = clock.instant();
        PairRecord pair = copy(draft, Sequences.next(mongo, "pairs"), now, now);
        try {
            mongo.insert(pair);
        } catch (DuplicateKeyException raced) {
            throw nameTaken(pair.name());
        }
        activity.configured(
                subject(pair.id()),
                "created instance pair '" + pair.name() + "' (" + pair.mirrorDirection() + ", instance "
                        + pair.sourceInstanceId() + " → " + pair.targetInstanceId() + ")");
        return pair;
    }

    PairRecord update(long id, PairRecord changed, List<String> fieldsSent) {
        PairRecord current = get(id);
        boolean locking = (changed.sourceInstanceId() != current.sourceInstanceId()
                        || changed.targetInstanceId() != current.targetInstanceId()
                        || !changed.mirrorDirection().equals(current.mirrorDirection()))
                && cascade.mirrorsOfPair(id) > 0;
        if (locking) {
            String field = changed.mirrorDirection().equals(current.mirrorDirection())
                    ? (changed.sourceInstanceId() != current.sourceInstanceId()
                            ? "source_instance_id"
                            : "target_instance_id")
                    : "mirror_direction";
            throw new BadRequestException(
                    field,
                    "cannot change source/target instances or direction of a pair that already has mirrors; create a new pair instead");
        }
        if (changed.sourceInstanceId() != current.sourceInstanceId()) {
            requireInstance("source_instance_id", changed.sourceInstanceId());
        }
        if (changed.targetInstanceId() != current.targetInstanceId()) {
            requireInstance("target_instance_id", changed.targetInstanceId());
        }
        if (changed.mirrorDirection().equals("pull")
                && (!current.mirrorDirection().equals("pull")
                        || changed.targetInstanceId() != current.targetInstanceId())) {
            requirePullMirroring(changed.targetInstanceId(), "mirror_direction");
        }
        check(changed);
        if (!changed.name().equals(current.name())) {
            requireFreeName(changed.name(), id);
        }
        PairRecord updated = copy(changed, id, current.createdAt(), clock.instant());
        try {
            mongo.save(updated);
        } catch (DuplicateKeyException raced) {
            throw nameTaken(updated.name());
        }
        activity.configured(
                subject(id), "changed instance pair '" + current.name() + "': " + String.join(", ", fieldsSent));
        return updated;
    }

    Map<String, Long> impactOfDelete(long id) {
        get(id);
        return cascade.impactOfPair(id);
    }

    Map<String, Long> delete(long id) {
        PairRecord pair = get(id);
        Map<String, Long> removed = cascade.deletePair(id);
        activity.configured(subject(id), "deleted instance pair '" + pair.name() + "' with " + removed);
        return removed;
    }

    private static void check(PairRecord pair) {
        BranchRegex.validateWith(pair.onlyMirrorProtectedBranches(), pair.mirrorBranchRegex());
    }

    /**
     * Pull mirrors are configured on the target instance, which must run GitLab Enterprise Edition (Premium): a 422
     * naming {@code field} says so up front, before any mirror or command exists.
     */
    public void requirePullMirroring(long targetInstanceId, String field) {
        PullMirroring.refusal(mongo.findById(targetInstanceId, InstanceRecord.class))
                .ifPresent(why -> {
                    throw new UnprocessableException(field, why);
                });
    }

    private void requireInstance(String field, long instanceId) {
        if (!mongo.exists(Query.query(where("_id").is(instanceId)), InstanceRecord.class)) {
            throw new NotFoundException(
                    field.startsWith("source") ? "source instance" : "target instance", String.valueOf(instanceId));
        }
    }

    private void requireFreeName(String name, Long exceptId) {
        Uniqueness.require(mongo, PairRecord.class, where("name").is(name), exceptId, nameTaken(name));
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("name", "an instance pair named '" + name + "' already exists");
    }

    private static PairRecord copy(PairRecord p, long id, Instant created, Instant updated) {
        return new PairRecord(
                id,
                p.name(),
                p.description(),
                p.sourceInstanceId(),
                p.targetInstanceId(),
                p.mirrorDirection(),
                p.mirrorProtectedBranches(),
                p.mirrorOverwriteDiverged(),
                p.mirrorTriggerBuilds(),
                p.onlyMirrorProtectedBranches(),
                p.mirrorBranchRegex(),
                p.mirrorUserId(),
                created,
                updated);
    }

    static String subject(long id) {
        return Subjects.pair(id);
    }
}
