package io.mirrormaestro.api;

import io.mirrormaestro.common.store.PairRecord;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Pairs stored straight into MongoDB, for tests that need one and no GitLab behind it. */
public final class StoredPairs {

    private StoredPairs() {}

    /** A group name no other test uses: the prefix and 8 random hex digits. */
    public static String uniqueGroup(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An enabled push pair between instances 1 and 2 with a random id, named after {@code group}. */
    public static PairRecord push(MongoTemplate mongo, String group) {
        long id = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
        PairRecord pair = new PairRecord(
                id, "pair " + group, null, 1, 2, "push", true, false, false, false, null, null, Instant.now(), null);
        mongo.insert(pair);
        return pair;
    }
}
