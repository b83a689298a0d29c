package io.mirrormaestro.api.groupdefaults;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.pair.BranchRegex;
import io.mirrormaestro.api.pair.DirectionInput;
import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.api.web.UpdateBody;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Group-level overrides of a pair's mirror defaults, one per (pair, group path): an upsert keeps the fields a request
 * left out, and fields sent as {@code null} go back to inheriting from the pair.
 */
@Component
class GroupDefaults {

    private final MongoTemplate mongo;
    private final Pairs pairs;
    private final ActivityLog activity;
    private final Clock clock;

    GroupDefaults(MongoTemplate mongo, Pairs pairs, ActivityLog activity, Clock clock) {
        this.mongo = mongo;
        this.pairs = pairs;
        this.activity = activity;
        this.clock = clock;
    }

    record Upsert(
            @NotNull @Positive Long instancePairId,
            @NotBlank
                    @Size(max = 500)
                    @Pattern(regexp = GroupPaths.GROUP_PATH_REGEX, message = GroupPaths.GROUP_PATH_MESSAGE)
                    String groupPath,
            String mirrorDirection,
            Boolean mirrorProtectedBranches,
            Boolean mirrorOverwriteDiverged,
            Boolean mirrorTriggerBuilds,
            Boolean onlyMirrorProtectedBranches,
            @Size(max = 255) String mirrorBranchRegex,
            @Positive Long mirrorUserId) {}

    /** @param pairId only this pair's, or null for all */
    List<GroupDefaultsRecord> list(Long pairId) {
        Query query = new Query().with(Sort.by("_id"));
        if (pairId != null) {
            query.addCriteria(where("instance_pair_id").is(pairId));
        }
        return mongo.find(query, GroupDefaultsRecord.class);
    }

    /** @param request the fields sent, each present (possibly as null) or absent */
    GroupDefaultsRecord upsert(UpdateBody<Upsert> request) {
        Upsert u = request.values();
        PairRecord pair = pairs.get(u.instancePairId());
        String direction = DirectionInput.optionalName(u.mirrorDirection());
        if ("pull".equals(direction)) {
            pairs.requirePullMirroring(pair.targetInstanceId(), "mirror_direction");
        }
        BranchRegex.validate("mirror_branch_regex", u.mirrorBranchRegex());
        GroupDefaultsRecord current = mongo.findOne(
                Query.query(where("instance_pair_id")
                        .is(u.instancePairId())
                        .and("group_path")
                        .is(u.groupPath())),
                GroupDefaultsRecord.class);
        Instant now = clock.instant();
        GroupDefaultsRecord saved = new GroupDefaultsRecord(
                current == null ? Sequences.next(mongo, "group_defaults") : current.id(),
                u.instancePairId(),
                u.groupPath(),
                pick(request, "mirror_direction", direction, current == null ? null : current.mirrorDirection()),
                pick(
                        request,
                        "mirror_protected_branches",
                        u.mirrorProtectedBranches(),
                        current == null ? null : current.mirrorProtectedBranches()),
                pick(
                        request,
                        "mirror_overwrite_diverged",
                        u.mirrorOverwriteDiverged(),
                        current == null ? null : current.mirrorOverwriteDiverged()),
                pick(
                        request,
                        "mirror_trigger_builds",
                        u.mirrorTriggerBuilds(),
                        current == null ? null : current.mirrorTriggerBuilds()),
                pick(
                        request,
                        "only_mirror_protected_branches",
                        u.onlyMirrorProtectedBranches(),
                        current == null ? null : current.onlyMirrorProtectedBranches()),
                pick(
                        request,
                        "mirror_branch_regex",
                        blankToNull(u.mirrorBranchRegex()),
                        current == null ? null : current.mirrorBranchRegex()),
                pick(request, "mirror_user_id", u.mirrorUserId(), current == null ? null : current.mirrorUserId()),
                current == null ? now : current.createdAt(),
                now);
        BranchRegex.validateWith(saved.onlyMirrorProtectedBranches(), saved.mirrorBranchRegex());
        try {
            mongo.save(saved);
        } catch (DuplicateKeyException raced) {
            return upsert(request); // another request created it first: update theirs
        }
        activity.configured(
                Subjects.pair(u.instancePairId()),
                (current == null ? "set" : "changed") + " group defaults for " + u.groupPath() + ": "
                        + String.join(", ", request.fields()));
        return saved;
    }

    void delete(long id) {
        GroupDefaultsRecord current = Lookups.require(mongo, GroupDefaultsRecord.class, id, "group defaults");
        mongo.remove(Query.query(where("_id").is(id)), GroupDefaultsRecord.class);
        activity.configured(
                Subjects.pair(current.instancePairId()), "removed group defaults for " + current.groupPath());
    }

    private static <T> T pick(UpdateBody<?> request, String field, T sent, T current) {
        return request.has(field) ? sent : current;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
