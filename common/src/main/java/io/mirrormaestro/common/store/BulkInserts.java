package io.mirrormaestro.common.store;

import java.util.List;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;

/** Inserts of documents whose ids say what they are, so that a second insert of one is a repeat, not an error. */
public final class BulkInserts {

    private static final int DUPLICATE_KEY = 11000;

    private BulkInserts() {}

    /** Inserts all in one unordered write; documents already stored (same id) are left as they are. */
    public static <T> void insertNew(MongoOperations mongo, List<T> documents, Class<T> type) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type)
                    .insert(documents)
                    .execute();
        } catch (BulkOperationException e) {
            if (e.getErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                throw e;
            }
        }
    }
}
