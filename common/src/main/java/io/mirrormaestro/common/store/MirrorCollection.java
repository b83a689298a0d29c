package io.mirrormaestro.common.store;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/** Where mirrors live, for the cascades and locks that configuration needs before the mirror model is complete. */
public final class MirrorCollection {

    public static final String NAME = "mirrors";
    public static final String PAIR_ID = "instance_pair_id";

    private MirrorCollection() {}

    /**
     * One mirror per source project, target project and direction, whatever pair it came through. Both services
     * rely on it (api-service for single creates, worker-service for import lines), so both make sure it exists.
     */
    public static void ensureOneMirrorPerProjects(MongoOperations mongo) {
        mongo.indexOps(NAME)
                .createIndex(new Index()
                        .on("source_instance_id", Sort.Direction.ASC)
                        .on("source_project_id", Sort.Direction.ASC)
                        .on("target_instance_id", Sort.Direction.ASC)
                        .on("target_project_id", Sort.Direction.ASC)
                        .on("mirror_direction", Sort.Direction.ASC)
                        .unique());
    }
}
