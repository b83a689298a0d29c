package io.mirrormaestro.api.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.store.CommandRecord;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads commands for the API: one with its history, or a subject's newest first. */
@Component
class Commands {

    private final MongoTemplate mongo;
    private final ActivityLog activity;

    Commands(MongoTemplate mongo, ActivityLog activity) {
        this.mongo = mongo;
        this.activity = activity;
    }

    CommandView get(UUID id) {
        return CommandView.of(Lookups.require(mongo, CommandRecord.class, id, "command"), activity.ofCommand(id));
    }

    List<CommandView> list(String subjectId, String status, int limit) {
        Query query = new Query();
        if (subjectId != null) {
            query.addCriteria(where("subject_id").is(subjectId));
        }
        if (status != null) {
            query.addCriteria(where("status").is(status(status)));
        }
        query.with(Sort.by(Sort.Direction.DESC, "accepted_at", "_id")).limit(limit);
        return mongo.find(query, CommandRecord.class).stream()
                .map(r -> CommandView.of(r, null))
                .toList();
    }

    private static CommandStatus status(String status) {
        return Arrays.stream(CommandStatus.values())
                .filter(s -> s.wireName().equals(status))
                .findFirst()
                .orElseThrow(() -> new BadRequestException(
                        "status", "must be one of accepted, running, retry_scheduled, succeeded, failed"));
    }
}
