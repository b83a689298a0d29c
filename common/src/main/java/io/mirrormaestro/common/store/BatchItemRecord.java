package io.mirrormaestro.common.store;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * One line of a batch. {@code status}: {@code pending}, {@code creating} (mirror id allocated, being recorded),
 * {@code in_progress} (create command issued), {@code succeeded}, {@code failed}, {@code skipped},
 * {@code cancelled}; {@code message} says why, with GitLab's own words when GitLab refused. A skipped import line
 * keeps the mirror id it reserved (and did not use) as {@code mirrorId}; {@code existingMirrorId} is the mirror that
 * already covers its projects, set by whoever skipped it (api-service's runner, or the worker that looked the
 * projects up).
 */
@Document(BatchItemRecord.COLLECTION)
public record BatchItemRecord(
        @Id String id,
        @Field("batch_id") String batchId,
        int line,
        @Field("source_project_path") String sourceProjectPath,
        @Field("target_project_path") String targetProjectPath,
        MirrorRecord.Overrides overrides,
        @Field("mirror_direction") String mirrorDirection,
        boolean enabled,
        String status,
        @Field("mirror_id") Long mirrorId,
        @Field("command_id") String commandId,
        String message,
        @Field("existing_mirror_id") Long existingMirrorId) {

    public static final String COLLECTION = "batch_items";

    public static String idOf(String batchId, int line) {
        return batchId + ":" + line;
    }
}
