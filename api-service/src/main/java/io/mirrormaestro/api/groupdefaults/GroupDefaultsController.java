package io.mirrormaestro.api.groupdefaults;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.pair.BranchRegex;
import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.web.Deleted;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.api.web.UpdateBody;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Group-level overrides of a pair's mirror defaults: the original tool's {@code /api/group-defaults}. {@code POST}
 * is an upsert per (pair, group path): fields left out keep their value, fields sent as {@code null} go back to
 * inheriting from the pair.
 */
@RestController
@RequestMapping("/api/group-defaults")
class GroupDefaultsController {

    private final MongoTemplate mongo;
    private final Pairs pairs;
    private final ActivityLog activity;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;

    GroupDefaultsController(
            MongoTemplate mongo,
            Pairs pairs,
            ActivityLog activity,
            ObjectMapper json,
            Validator validator,
            Clock clock) {
        this.mongo = mongo;
        this.pairs = pairs;
        this.activity = activity;
        this.json = json;
        this.validator = validator;
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

    @GetMapping
    List<GroupDefaultsRecord> list(@RequestParam(name = "instance_pair_id", required = false) Long pairId) {
        Query query = new Query().with(Sort.by("_id"));
        if (pairId != null) {
            query.addCriteria(where("instance_pair_id").is(pairId));
        }
        return mongo.find(query, GroupDefaultsRecord.class);
    }

    @PostMapping
    GroupDefaultsRecord upsert(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Upsert.class)))
                    @RequestBody
                    JsonNode body) {
        UpdateBody<Upsert> request = UpdateBody.parse(body, Upsert.class, json, validator);
        Upsert u = request.values();
        PairRecord pair = pairs.get(u.instancePairId());
        String direction = u.mirrorDirection() == null || u.mirrorDirection().isBlank()
                ? null
                : u.mirrorDirection().trim().toLowerCase(Locale.ROOT);
        if (direction != null && !direction.equals("push") && !direction.equals("pull")) {
            throw new UnprocessableException("mirror_direction", "must be 'push' or 'pull'");
        }
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
        try {
            mongo.save(saved);
        } catch (DuplicateKeyException raced) {
            return upsert(body); // another request created it first: update theirs
        }
        activity.configured(
                "pair:" + u.instancePairId(),
                (current == null ? "set" : "changed") + " group defaults for " + u.groupPath() + ": "
                        + String.join(", ", request.fields()));
        return saved;
    }

    @DeleteMapping("/{id}")
    Deleted delete(@PathVariable long id) {
        GroupDefaultsRecord current = Lookups.require(mongo, GroupDefaultsRecord.class, id, "group defaults");
        mongo.remove(Query.query(where("_id").is(id)), GroupDefaultsRecord.class);
        activity.configured("pair:" + current.instancePairId(), "removed group defaults for " + current.groupPath());
        return Deleted.of(Map.of("group_defaults", 1L));
    }

    private static <T> T pick(UpdateBody<?> request, String field, T sent, T current) {
        return request.has(field) ? sent : current;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
