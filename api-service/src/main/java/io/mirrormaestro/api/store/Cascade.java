package io.mirrormaestro.api.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.PairRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What deleting an instance or a pair takes with it, counted before (so the UI can warn) and removed children
 * first, parent last: without transactions, an interrupted delete leaves the parent in place and can simply be
 * repeated.
 */
@Component
public class Cascade {

    private final MongoTemplate mongo;

    Cascade(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Map<String, Long> impactOfInstance(long instanceId) {
        List<Long> pairs = pairsOf(instanceId);
        Map<String, Long> impact = new LinkedHashMap<>();
        impact.put("instances", 1L);
        impact.put("instance_pairs", (long) pairs.size());
        impact.put("mirrors", mongo.count(byPairs(pairs, MirrorCollection.PAIR_ID), MirrorCollection.NAME));
        impact.put("group_defaults", mongo.count(byPairs(pairs, "instance_pair_id"), GroupDefaultsRecord.class));
        impact.put("group_tokens", mongo.count(tokensOf(instanceId), GroupTokenRecord.class));
        return impact;
    }

    public Map<String, Long> deleteInstance(long instanceId) {
        Map<String, Long> impact = impactOfInstance(instanceId);
        for (long pair : pairsOf(instanceId)) {
            deletePairChildren(pair);
            mongo.remove(Query.query(where("_id").is(pair)), PairRecord.class);
        }
        mongo.remove(tokensOf(instanceId), GroupTokenRecord.class);
        mongo.remove(Query.query(where("_id").is(instanceId)), InstanceRecord.class);
        return impact;
    }

    public Map<String, Long> impactOfPair(long pairId) {
        Map<String, Long> impact = new LinkedHashMap<>();
        impact.put("instance_pairs", 1L);
        impact.put("mirrors", mongo.count(byPairs(List.of(pairId), MirrorCollection.PAIR_ID), MirrorCollection.NAME));
        impact.put(
                "group_defaults", mongo.count(byPairs(List.of(pairId), "instance_pair_id"), GroupDefaultsRecord.class));
        return impact;
    }

    public Map<String, Long> deletePair(long pairId) {
        Map<String, Long> impact = impactOfPair(pairId);
        deletePairChildren(pairId);
        mongo.remove(Query.query(where("_id").is(pairId)), PairRecord.class);
        return impact;
    }

    public long mirrorsOfPair(long pairId) {
        return mongo.count(byPairs(List.of(pairId), MirrorCollection.PAIR_ID), MirrorCollection.NAME);
    }

    public long pairsUsing(long instanceId) {
        return pairsOf(instanceId).size();
    }

    private void deletePairChildren(long pairId) {
        mongo.remove(byPairs(List.of(pairId), MirrorCollection.PAIR_ID), MirrorCollection.NAME);
        mongo.remove(byPairs(List.of(pairId), "instance_pair_id"), GroupDefaultsRecord.class);
    }

    private List<Long> pairsOf(long instanceId) {
        Query query = Query.query(new Criteria()
                .orOperator(
                        where("source_instance_id").is(instanceId),
                        where("target_instance_id").is(instanceId)));
        return mongo.find(query, PairRecord.class).stream().map(PairRecord::id).toList();
    }

    private static Query byPairs(List<Long> pairIds, String field) {
        return Query.query(where(field).in(pairIds));
    }

    private static Query tokensOf(long instanceId) {
        return Query.query(where("gitlab_instance_id").is(instanceId));
    }
}
