package io.mirrormaestro.api.estate;

import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Indexes the read views query by, beyond those of the mirror list ({@code ConfigIndexes}): a topology link's mirrors,
 * the newest failures, and the commands workers finished lately. A real MongoDB and the embedded store both use them.
 */
@Component
class EstateIndexes {

    EstateIndexes(MongoTemplate mongo) {
        var mirrors = mongo.indexOps(MirrorRecord.class);
        mirrors.createIndex(new Index()
                .on("source_instance_id", Sort.Direction.ASC)
                .on("target_instance_id", Sort.Direction.ASC)
                .on("mirror_direction", Sort.Direction.ASC));
        mirrors.createIndex(
                new Index().on("last_update_status", Sort.Direction.ASC).on("last_update_at", Sort.Direction.DESC));
        mongo.indexOps(CommandRecord.class).createIndex(new Index("updated_at", Sort.Direction.DESC));
    }
}
