package io.mirrormaestro.common.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A mirror Mirror Maestro manages: what the user asked for (projects, per-mirror overrides, enabled) and what
 * GitLab last said about it. api-service writes the desired part and issues commands; worker-service converges
 * GitLab to it and writes the observed part. {@code mirrorDirection} is resolved once, at creation, and never changes.
 *
 * <p>Both sides change it only with {@code $set} of their own fields, never by replacing the document: a worker's
 * lock ({@code lock_owner}, {@code lock_until}) and observations live in it too.
 *
 * <p>{@code lifecycle}: {@code pending} (created here, not yet in GitLab), {@code active}, {@code deleting}
 * (removal under way), {@code failed} (creation failed for good; see {@code lastError}).
 *
 * <p>{@code paused}: GitLab paused the pull mirror after repeated failures (a trigger answered 403 "Mirroring for the
 * project is on pause"); it pulls again only once resumed in GitLab. Null or false otherwise.
 */
@Document(MirrorCollection.NAME)
public record MirrorRecord(
        @Id long id,
        @Field("instance_pair_id") long instancePairId,
        @Field("source_instance_id") long sourceInstanceId,
        @Field("target_instance_id") long targetInstanceId,
        @Field("source_project_id") long sourceProjectId,
        @Field("source_project_path") String sourceProjectPath,
        @Field("target_project_id") long targetProjectId,
        @Field("target_project_path") String targetProjectPath,
        @Field("mirror_direction") String mirrorDirection,
        Overrides overrides,
        boolean enabled,
        String lifecycle,
        @Field("mirror_id") Long mirrorId,
        @Field("group_token_id") Long groupTokenId,
        @Field("token_expires_at") LocalDate tokenExpiresAt,
        @Field("last_update_status") String lastUpdateStatus,
        @Field("last_update_at") Instant lastUpdateAt,
        @Field("last_update_started_at") Instant lastUpdateStartedAt,
        @Field("last_successful_update") Instant lastSuccessfulUpdate,
        @Field("last_error") String lastError,
        @Field("last_checked_at") Instant lastCheckedAt,
        List<String> drift,
        boolean stuck,
        boolean orphaned,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt,
        Boolean paused) {

    /** The document's shape: every field, {@code paused} included. */
    @PersistenceCreator
    public MirrorRecord {}

    /**
     * A mirror without GitLab's pause recorded ({@code paused} null), as records were before GitLab's pause was
     * recorded; kept so that only additive changes reach the shared record.
     */
    public MirrorRecord(
            long id,
            long instancePairId,
            long sourceInstanceId,
            long targetInstanceId,
            long sourceProjectId,
            String sourceProjectPath,
            long targetProjectId,
            String targetProjectPath,
            String mirrorDirection,
            Overrides overrides,
            boolean enabled,
            String lifecycle,
            Long mirrorId,
            Long groupTokenId,
            LocalDate tokenExpiresAt,
            String lastUpdateStatus,
            Instant lastUpdateAt,
            Instant lastUpdateStartedAt,
            Instant lastSuccessfulUpdate,
            String lastError,
            Instant lastCheckedAt,
            List<String> drift,
            boolean stuck,
            boolean orphaned,
            Instant createdAt,
            Instant updatedAt) {
        this(
                id,
                instancePairId,
                sourceInstanceId,
                targetInstanceId,
                sourceProjectId,
                sourceProjectPath,
                targetProjectId,
                targetProjectPath,
                mirrorDirection,
                overrides,
                enabled,
                lifecycle,
                mirrorId,
                groupTokenId,
                tokenExpiresAt,
                lastUpdateStatus,
                lastUpdateAt,
                lastUpdateStartedAt,
                lastSuccessfulUpdate,
                lastError,
                lastCheckedAt,
                drift,
                stuck,
                orphaned,
                createdAt,
                updatedAt,
                null);
    }

    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String DELETING = "deleting";
    public static final String FAILED = "failed";

    /** Per-mirror overrides of the group and pair defaults; null inherits. */
    public record Overrides(
            @Field("mirror_protected_branches") Boolean mirrorProtectedBranches,
            @Field("mirror_overwrite_diverged") Boolean mirrorOverwriteDiverged,
            @Field("mirror_trigger_builds") Boolean mirrorTriggerBuilds,
            @Field("only_mirror_protected_branches") Boolean onlyMirrorProtectedBranches,
            @Field("mirror_branch_regex") String mirrorBranchRegex,
            @Field("mirror_user_id") Long mirrorUserId) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);
    }

    /** A mirror as the user wants it, before any worker has observed it in GitLab. */
    public static MirrorRecord desired(
            long id,
            long instancePairId,
            long sourceInstanceId,
            long targetInstanceId,
            long sourceProjectId,
            String sourceProjectPath,
            long targetProjectId,
            String targetProjectPath,
            String mirrorDirection,
            Overrides overrides,
            boolean enabled,
            String lifecycle,
            Instant now) {
        return new MirrorRecord(
                id,
                instancePairId,
                sourceInstanceId,
                targetInstanceId,
                sourceProjectId,
                sourceProjectPath,
                targetProjectId,
                targetProjectPath,
                mirrorDirection,
                overrides,
                enabled,
                lifecycle,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                false,
                false,
                now,
                now);
    }

    public boolean isPush() {
        return "push".equals(mirrorDirection);
    }

    /** Why a second mirror of the same projects is refused, naming this one. */
    public String alreadyMirrored() {
        return "already mirrored by Mirror Maestro: mirror " + id + " (" + sourceProjectPath + " → " + targetProjectPath
                + ", " + mirrorDirection + ")";
    }
}
