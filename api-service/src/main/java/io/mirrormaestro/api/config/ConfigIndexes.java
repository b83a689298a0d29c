package io.mirrormaestro.api.config;

import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Unique indexes that make duplicate names and group paths impossible even when two requests race; the API checks
 * first for a clear message and maps a lost race to the same 409.
 */
@Component
class ConfigIndexes {

    ConfigIndexes(MongoTemplate mongo) {
        mongo.indexOps(InstanceRecord.class).createIndex(new Index("name", Sort.Direction.ASC).unique());
        mongo.indexOps(PairRecord.class).createIndex(new Index("name", Sort.Direction.ASC).unique());
        mongo.indexOps(GroupTokenRecord.class)
                .createIndex(new Index()
                        .on("gitlab_instance_id", Sort.Direction.ASC)
                        .on("group_path", Sort.Direction.ASC)
                        .unique());
        // one mirror per source, target and direction, whatever pair it came through
        mongo.indexOps(MirrorRecord.class)
                .createIndex(new Index()
                        .on("source_instance_id", Sort.Direction.ASC)
                        .on("source_project_id", Sort.Direction.ASC)
                        .on("target_instance_id", Sort.Direction.ASC)
                        .on("target_project_id", Sort.Direction.ASC)
                        .on("mirror_direction", Sort.Direction.ASC)
                        .unique());
        mongo.indexOps(GroupDefaultsRecord.class)
                .createIndex(new Index()
                        .on("instance_pair_id", Sort.Direction.ASC)
                        .on("group_path", Sort.Direction.ASC)
                        .unique());
    }
}
