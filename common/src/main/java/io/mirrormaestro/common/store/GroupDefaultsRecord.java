package io.mirrormaestro.common.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/** Group-level overrides of a pair's default mirror settings; a null field inherits from the pair. */
@Document(GroupDefaultsRecord.COLLECTION)
public record GroupDefaultsRecord(
        @Id long id,
        @Field("instance_pair_id") long instancePairId,
        @Field("group_path") String groupPath,
        @Field("mirror_direction") String mirrorDirection,
        @Field("mirror_protected_branches") Boolean mirrorProtectedBranches,
        @Field("mirror_overwrite_diverged") Boolean mirrorOverwriteDiverged,
        @Field("mirror_trigger_builds") Boolean mirrorTriggerBuilds,
        @Field("only_mirror_protected_branches") Boolean onlyMirrorProtectedBranches,
        @Field("mirror_branch_regex") String mirrorBranchRegex,
        @Field("mirror_user_id") Long mirrorUserId,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    public static final String COLLECTION = "group_defaults";
}
