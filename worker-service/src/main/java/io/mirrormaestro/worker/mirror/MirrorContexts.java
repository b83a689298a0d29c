package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.command.PollCache;
import io.mirrormaestro.worker.gitlab.GitLabGateway;
import io.mirrormaestro.worker.gitlab.GitLabGateways;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Loads what a mirror command acts on: the pair, both instances, the pair's group defaults, the home gateway. */
@Component
class MirrorContexts {

    private final MongoTemplate mongo;
    private final GitLabGateways gateways;

    MirrorContexts(MongoTemplate mongo, GitLabGateways gateways) {
        this.mongo = mongo;
        this.gateways = gateways;
    }

    MirrorContext load(MirrorCommand command, int attempt, MirrorRecord mirror) {
        PairRecord pair = pair(mirror.instancePairId());
        if (pair == null) {
            throw new CommandRejectedException(
                    "instance pair " + mirror.instancePairId() + " of mirror " + mirror.id() + " no longer exists");
        }
        InstanceRecord source = instance(mirror, mirror.sourceInstanceId());
        InstanceRecord target = instance(mirror, mirror.targetInstanceId());
        return of(command, attempt, mirror, pair, source, target, defaults(pair.id()));
    }

    /** A context from configuration the caller has just read. */
    MirrorContext of(
            MirrorCommand command,
            int attempt,
            MirrorRecord mirror,
            PairRecord pair,
            InstanceRecord source,
            InstanceRecord target,
            List<GroupDefaultsRecord> defaults) {
        return new MirrorContext(
                command,
                attempt,
                mirror,
                pair,
                source,
                target,
                defaults,
                gateways.forInstance(mirror.isPush() ? source : target));
    }

    GitLabGateway gateway(InstanceRecord instance) {
        return gateways.forInstance(instance);
    }

    PairRecord pair(long id) {
        return PollCache.get(List.of("pair", id), () -> mongo.findById(id, PairRecord.class));
    }

    InstanceRecord instance(long id) {
        return PollCache.get(List.of("instance", id), () -> mongo.findById(id, InstanceRecord.class));
    }

    List<GroupDefaultsRecord> defaults(long pairId) {
        return PollCache.get(
                List.of("defaults", pairId),
                () -> mongo.find(Query.query(where("instance_pair_id").is(pairId)), GroupDefaultsRecord.class));
    }

    private InstanceRecord instance(MirrorRecord mirror, long id) {
        InstanceRecord instance = instance(id);
        if (instance == null) {
            throw new CommandRejectedException(
                    "GitLab instance " + id + " of mirror " + mirror.id() + " no longer exists");
        }
        return instance;
    }
}
