package io.mirrormaestro.common.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/** A pair of GitLab instances mirrors run between, with the pair-level default mirror settings. */
@Document(PairRecord.COLLECTION)
public record PairRecord(
        @Id long id,
        String name,
        String description,
        @Field("source_instance_id") long sourceInstanceId,
        @Field("target_instance_id") long targetInstanceId,
        @Field("mirror_direction") String mirrorDirection,
        @Field("mirror_protected_branches") boolean mirrorProtectedBranches,
        @Field("mirror_overwrite_diverged") boolean mirrorOverwriteDiverged,
        @Field("mirror_trigger_builds") boolean mirrorTriggerBuilds,
        @Field("only_mirror_protected_branches") boolean onlyMirrorProtectedBranches,
        @Field("mirror_branch_regex") String mirrorBranchRegex,
        @Field("mirror_user_id") Long mirrorUserId,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    public static final String COLLECTION = "pairs";
}
