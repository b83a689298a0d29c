package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
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

    MirrorContext load(MirrorCommand command, MirrorRecord mirror) {
        PairRecord pair = mongo.findById(mirror.instancePairId(), PairRecord.class);
        if (pair == null) {
            throw new CommandRejectedException(
                    "instance pair " + mirror.instancePairId() + " of mirror " + mirror.id() + " no longer exists");
        }
        InstanceRecord source = instance(mirror, mirror.sourceInstanceId());
        InstanceRecord target = instance(mirror, mirror.targetInstanceId());
        List<GroupDefaultsRecord> defaults =
                mongo.find(Query.query(where("instance_pair_id").is(pair.id())), GroupDefaultsRecord.class);
        return new MirrorContext(
                command,
                mirror,
                pair,
                source,
                target,
                defaults,
                gateways.forInstance(mirror.isPush() ? source : target));
    }

    private InstanceRecord instance(MirrorRecord mirror, long id) {
        InstanceRecord instance = mongo.findById(id, InstanceRecord.class);
        if (instance == null) {
            throw new CommandRejectedException(
                    "GitLab instance " + id + " of mirror " + mirror.id() + " no longer exists");
        }
        return instance;
    }
}
