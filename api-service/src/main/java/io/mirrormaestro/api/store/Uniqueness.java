package io.mirrormaestro.api.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.problem.ConflictException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Checks that a name or path is free before writing, for a clear 409; unique indexes catch the races. */
public final class Uniqueness {

    private Uniqueness() {}

    /**
     * @param exceptId the document being changed, which may keep its own value; null when creating
     * @throws ConflictException when another document matches
     */
    public static void require(
            MongoTemplate mongo, Class<?> type, Criteria match, Long exceptId, ConflictException conflict) {
        Query query = Query.query(match);
        if (exceptId != null) {
            query.addCriteria(where("_id").ne(exceptId));
        }
        if (mongo.exists(query, type)) {
            throw conflict;
        }
    }
}
