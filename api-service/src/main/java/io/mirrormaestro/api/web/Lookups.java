package io.mirrormaestro.api.web;

import io.mirrormaestro.api.problem.NotFoundException;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Finding a document by its id, or answering 404 naming what was not found. */
public final class Lookups {

    private Lookups() {}

    public static <T> T require(MongoTemplate mongo, Class<T> type, Object id, String what) {
        T found = mongo.findById(id, type);
        if (found == null) {
            throw new NotFoundException(what, String.valueOf(id));
        }
        return found;
    }
}
