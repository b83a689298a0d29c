package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Create the mirror the user asked for: the push mirror on the source project, or the pull mirror configured on the target; then sync once. The worker first reads what GitLab already has, under the instance's limits, and applies one rule, {@code adoptExisting}: a mirror to the same remote that GitLab already has (made outside Mirror Maestro) is adopted (our settings applied to it) when true, and refused with "already mirrored in GitLab" when false; an earlier attempt of this command, or a mirror id already recorded, is always ours to adopt. Issued by {@code POST /api/mirrors} ({@code adopt_existing}, default false), and again (adopting) when a mirror whose creation failed is changed. Answered by {@link io.mirrormaestro.common.event.MirrorCreated} or {@link io.mirrormaestro.common.event.MirrorAdopted}.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId} in every command api-service issues
 * @param occurredAt when api-service accepted the command
 * @param mirrorId the {@code MirrorRecord} to act on
 * @param adoptExisting take over a mirror GitLab already has instead of refusing the command
 * @param batchLine the batch line this command carries out; null outside batches
 */
public record CreateMirror(
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        long mirrorId,
        boolean adoptExisting,
        BatchLineRef batchLine)
        implements MirrorCommand {

    /** Outside any batch, with a new id as its own correlation id. */
    public static CreateMirror of(long mirrorId, boolean adoptExisting) {
        UUID id = UUID.randomUUID();
        return new CreateMirror(id, id, Instant.now(), mirrorId, adoptExisting, null);
    }
}
