package io.mirrormaestro.common.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;

/** Where mirrors live, for the cascades and locks that configuration needs before the mirror model is complete. */
public final class MirrorCollection {

    public static final String NAME = "mirrors";
    public static final String PAIR_ID = "instance_pair_id";

    private MirrorCollection() {}

    /**
     * The mirror that already covers a new one's projects: the same source, target and direction, or, for a pull
     * mirror, any pull mirror of the target project (GitLab allows one per project).
     */
    public static Optional<MirrorRecord> covering(
            MongoOperations mongo,
            long sourceInstanceId,
            long sourceProjectId,
            long targetInstanceId,
            long targetProjectId,
            String direction) {
        // exactly the unique index's keys, so even the embedded store finds it by index
        MirrorRecord same = mongo.findOne(
                Query.query(where("source_instance_id")
                        .is(sourceInstanceId)
                        .and("source_project_id")
                        .is(sourceProjectId)
                        .and("target_instance_id")
                        .is(targetInstanceId)
                        .and("target_project_id")
                        .is(targetProjectId)
                        .and("mirror_direction")
                        .is(direction)),
                MirrorRecord.class);
        if (same == null && direction.equals("pull")) {
            same = mongo.findOne(
                    Query.query(where("target_instance_id")
                            .is(targetInstanceId)
                            .and("target_project_id")
                            .is(targetProjectId)
                            .and("mirror_direction")
                            .is("pull")),
                    MirrorRecord.class);
        }
        return Optional.ofNullable(same);
    }

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
        // a pull mirror is found by its target project (covering, the status refresh): not a prefix of the above
        mongo.indexOps(NAME)
                .createIndex(new Index()
                        .on("target_instance_id", Sort.Direction.ASC)
                        .on("target_project_id", Sort.Direction.ASC)
                        .on("mirror_direction", Sort.Direction.ASC));
    }
}
