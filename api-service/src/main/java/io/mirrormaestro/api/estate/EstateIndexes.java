package io.mirrormaestro.api.estate;

import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * Indexes the read views query by, beyond those of the mirror list ({@code ConfigIndexes}). A real MongoDB and the
 * embedded store both use them; the embedded store also answers {@link EstateCounts}' groups from the first two
 * without reading a mirror.
 */
@Component
class EstateIndexes {

    EstateIndexes(MongoTemplate mongo) {
        IndexOperations mirrors = mongo.indexOps(MirrorRecord.class);
        // a link's mirrors (the drill-down's filter) and EstateCounts' rows: by link, pair, status and enabled flag
        mirrors.createIndex(link().on("last_update_status", Sort.Direction.ASC).on("enabled", Sort.Direction.ASC));
        // the drill-down leaves disabled mirrors out
        mirrors.createIndex(new Index("enabled", Sort.Direction.ASC));
        // each link's newest success
        mirrors.createIndex(link().on("last_successful_update", Sort.Direction.ASC));
        // never succeeded ({last_successful_update: null}), stale thresholds, the drill-down's oldest-success order
        mirrors.createIndex(new Index("last_successful_update", Sort.Direction.ASC));
        // status freshness
        mirrors.createIndex(new Index("last_checked_at", Sort.Direction.ASC));
        // syncing now and failed lately (quick stats)
        mirrors.createIndex(new Index("updated_at", Sort.Direction.ASC));
        mirrors.createIndex(new Index("last_update_started_at", Sort.Direction.ASC));
        mirrors.createIndex(
                new Index().on("last_update_status", Sort.Direction.ASC).on("last_update_at", Sort.Direction.DESC));
        mirrors.createIndex(new Index().on("lifecycle", Sort.Direction.ASC).on("updated_at", Sort.Direction.DESC));
        // the newest failures first
        mirrors.createIndex(
                new Index().on("last_update_at", Sort.Direction.DESC).on("updated_at", Sort.Direction.DESC));
        dropReplaced(mirrors, "source_instance_id_1_target_instance_id_1_mirror_direction_1");
        mongo.indexOps(CommandRecord.class).createIndex(new Index("updated_at", Sort.Direction.DESC));
    }

    private static Index link() {
        return new Index()
                .on("source_instance_id", Sort.Direction.ASC)
                .on("target_instance_id", Sort.Direction.ASC)
                .on("mirror_direction", Sort.Direction.ASC)
                .on("instance_pair_id", Sort.Direction.ASC);
    }

    /** An index an earlier version created that a newer one above covers. */
    private static void dropReplaced(IndexOperations indexes, String name) {
        if (indexes.getIndexInfo().stream().anyMatch(i -> i.getName().equals(name))) {
            indexes.dropIndex(name);
        }
    }
}
