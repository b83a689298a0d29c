package io.mirrormaestro.api.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.command.CommandGateway;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.command.RefreshMirrors;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * "Refresh now": GitLab's state of a pair's, a group's or some mirrors, read at once by a worker (one GitLab request
 * per project that holds them) instead of at the background refresh's next turn. A {@link RefreshMirrors} command
 * through the usual command path; what changed reaches the mirrors, the activity log and open browsers as the
 * background refresh's changes do.
 */
@Component
class MirrorRefresh {

    private final MongoTemplate mongo;
    private final CommandGateway commands;
    private final Clock clock;

    MirrorRefresh(MongoTemplate mongo, CommandGateway commands, Clock clock) {
        this.mongo = mongo;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * @param instancePairId the pair's mirrors
     * @param groupPath mirrors whose source or target project is under this group
     * @param mirrorIds these mirrors
     */
    record Selection(
            @Positive Long instancePairId,
            @Size(max = 500) String groupPath,
            @Size(max = 10_000) List<@Positive Long> mirrorIds) {}

    /** @param mirrors how many active mirrors the selection holds */
    record Requested(UUID commandId, long mirrors) {}

    /** @throws UnprocessableException for an empty selection, an unknown mirror or one that selects nothing active */
    Requested request(Selection s) {
        boolean group = s.groupPath() != null && !s.groupPath().isBlank();
        if (s.instancePairId() == null && !group && s.mirrorIds() == null) {
            throw new UnprocessableException("mirror_ids", "give mirror_ids, instance_pair_id or group_path");
        }
        if (s.mirrorIds() != null && s.mirrorIds().isEmpty()) {
            throw new UnprocessableException("mirror_ids", "must name at least one mirror");
        }
        if (s.instancePairId() != null) {
            Lookups.require(mongo, PairRecord.class, s.instancePairId(), "instance pair");
        }
        Query selected = new Query(where("lifecycle").is(MirrorRecord.ACTIVE));
        if (s.instancePairId() != null) {
            selected.addCriteria(where("instance_pair_id").is(s.instancePairId()));
        }
        String groupPath = group ? s.groupPath().trim().replaceAll("/+$", "") : null;
        if (groupPath != null) {
            Pattern under = Pattern.compile("^" + Pattern.quote(groupPath) + "/");
            selected.addCriteria(new Criteria()
                    .orOperator(
                            where("source_project_path").regex(under),
                            where("target_project_path").regex(under)));
        }
        List<Long> ids = s.mirrorIds() == null ? null : List.copyOf(new LinkedHashSet<>(s.mirrorIds()));
        if (ids != null) {
            selected.addCriteria(where("_id").in(ids));
            requireKnown(ids);
        }
        long count = mongo.count(selected, MirrorRecord.class);
        if (count == 0) {
            throw new UnprocessableException(
                    ids != null ? "mirror_ids" : groupPath != null ? "group_path" : "instance_pair_id",
                    "selects no mirror that is active in GitLab");
        }
        UUID commandId = UUID.randomUUID();
        commands.accept(new RefreshMirrors(commandId, commandId, clock.instant(), s.instancePairId(), groupPath, ids));
        return new Requested(commandId, count);
    }

    private void requireKnown(List<Long> ids) {
        Query known = new Query(where("_id").in(ids));
        known.fields().include("_id");
        Set<Long> found = new HashSet<>();
        mongo.find(known, Document.class, mongo.getCollectionName(MirrorRecord.class))
                .forEach(d -> found.add(((Number) d.get("_id")).longValue()));
        ids.stream().filter(id -> !found.contains(id)).findFirst().ifPresent(missing -> {
            throw new UnprocessableException("mirror_ids", "no mirror " + missing);
        });
    }
}
