package io.mirrormaestro.common.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Numeric ids for configuration (instances, pairs, tokens, mirrors), as the original tool had: scripts and export
 * files written against it carry integers. One atomic increment per id, safe across api-service instances.
 */
public final class Sequences {

    private Sequences() {}

    @Document("sequences")
    record Sequence(@Id String id, long value) {}

    public static long next(MongoOperations mongo, String name) {
        return reserve(mongo, name, 1);
    }

    /** Reserves {@code count} consecutive ids in one increment; returns the first. */
    public static long reserve(MongoOperations mongo, String name, int count) {
        Sequence next = mongo.findAndModify(
                Query.query(where("_id").is(name)),
                new Update().inc("value", (long) count),
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                Sequence.class);
        return next.value() - count + 1;
    }
}
