package io.mirrormaestro.api.schedule;

import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** What a schedule can be set on (a pair, a group by its group defaults, a mirror), found by id or answered 404. */
@Component
class ScheduleTargets {

    private final Pairs pairs;
    private final MongoTemplate mongo;

    ScheduleTargets(Pairs pairs, MongoTemplate mongo) {
        this.pairs = pairs;
        this.mongo = mongo;
    }

    Schedules.Target ofPair(long id) {
        PairRecord pair = pairs.get(id);
        return new Schedules.Target(
                ScheduleRecord.pairKey(id),
                ScheduleRecord.PAIR,
                id,
                null,
                null,
                "pair '" + pair.name() + "'",
                Subjects.pair(id));
    }

    Schedules.Target ofGroup(long groupDefaultsId) {
        GroupDefaultsRecord group =
                Lookups.require(mongo, GroupDefaultsRecord.class, groupDefaultsId, "group defaults");
        return new Schedules.Target(
                ScheduleRecord.groupKey(group.instancePairId(), group.groupPath()),
                ScheduleRecord.GROUP,
                group.instancePairId(),
                group.groupPath(),
                null,
                "group " + group.groupPath() + " in pair " + group.instancePairId(),
                Subjects.pair(group.instancePairId()));
    }

    Schedules.Target ofMirror(long id) {
        MirrorRecord mirror = mirror(id);
        return new Schedules.Target(
                ScheduleRecord.mirrorKey(mirror.id()),
                ScheduleRecord.MIRROR,
                mirror.instancePairId(),
                null,
                mirror.id(),
                "mirror " + mirror.id() + " (" + mirror.sourceProjectPath() + " → " + mirror.targetProjectPath() + ")",
                Subjects.mirror(mirror.id()));
    }

    MirrorRecord mirror(long id) {
        return Lookups.require(mongo, MirrorRecord.class, id, "mirror");
    }
}
