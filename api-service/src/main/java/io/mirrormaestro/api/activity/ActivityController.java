package io.mirrormaestro.api.activity;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/activity")
class ActivityController {

    private final MongoTemplate mongo;

    ActivityController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Newest first; optionally only the entries of one subject (instance, mirror, batch) or one command. */
    @GetMapping
    List<ActivityEntry> list(
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(name = "subject_id", required = false) String subjectId,
            @RequestParam(name = "command_id", required = false) java.util.UUID commandId) {
        Query query = new Query();
        if (subjectId != null) {
            query.addCriteria(where("subject_id").is(subjectId));
        }
        if (commandId != null) {
            query.addCriteria(where("command_id").is(commandId));
        }
        return mongo.find(
                query.with(Sort.by(Sort.Direction.DESC, "occurred_at")).limit(limit), ActivityEntry.class);
    }
}
