package io.mirrormaestro.api.activity;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.problem.BadRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads the activity log newest first (by {@code occurred_at}, then by id, so entries of the same instant keep one
 * order), filtered by exact values, and paged back in time with {@code before}.
 */
@Component
class ActivityHistory {

    /** Exact-match filters; {@code null} leaves a field unfiltered. */
    record Filter(String subjectId, UUID commandId, String outcome, String actor, String type, String before) {}

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "occurred_at", "_id");

    private final MongoTemplate mongo;

    ActivityHistory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    List<ActivityEntry> find(Filter filter, int limit) {
        Query query = new Query();
        equal(query, "subject_id", filter.subjectId());
        equal(query, "command_id", filter.commandId());
        equal(query, "outcome", filter.outcome());
        equal(query, "actor", filter.actor());
        equal(query, "type", filter.type());
        if (filter.before() != null && !filter.before().isBlank()) {
            query.addCriteria(before(filter.before().trim()));
        }
        return mongo.find(query.with(NEWEST_FIRST).limit(limit), ActivityEntry.class);
    }

    private static void equal(Query query, String field, Object value) {
        if (value != null) {
            query.addCriteria(where(field).is(value));
        }
    }

    /**
     * An entry id is a cursor: the entries after it in newest-first order (ties on {@code occurred_at} are broken by
     * id, so paging with the last entry's id neither skips nor repeats one). An ISO-8601 instant means the entries
     * strictly older.
     */
    private Criteria before(String value) {
        UUID cursor = uuid(value);
        if (cursor == null) {
            return where("occurred_at").lt(instant(value));
        }
        ActivityEntry last = mongo.findById(cursor, ActivityEntry.class);
        if (last == null) {
            throw new BadRequestException("before", "no activity entry has the id " + cursor);
        }
        return new Criteria()
                .orOperator(
                        where("occurred_at").lt(last.occurredAt()),
                        new Criteria()
                                .andOperator(
                                        where("occurred_at").is(last.occurredAt()),
                                        where("_id").lt(cursor)));
    }

    private static UUID uuid(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    "before", "must be an ISO-8601 instant (2025-01-31T12:00:00Z) or an activity entry's id");
        }
    }
}
