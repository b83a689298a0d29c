package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Read GitLab's state of a selection of mirrors now ("refresh now"), one GitLab request per project that holds them,
 * and record and publish what changed as the background status refresh does. The selection is resolved by the
 * worker when it runs, so it carries selectors, not a list of every mirror of a pair. Only mirrors active in GitLab
 * are read; the selectors are combined (all must hold).
 *
 * <p>Published by api-service for {@code POST /api/mirrors/refresh}; executed by worker-service's
 * {@code RefreshMirrorsHandler}, outside the status refresh's request budget, and answered by one
 * {@link io.mirrormaestro.common.event.MirrorsRefreshed} with the counts. Its partition key is its own id, not a
 * mirror's, so it does not wait behind the commands of the mirrors it reads.
 *
 * @param commandId the command's id, also its {@code CommandRecord}'s {@code _id}
 * @param correlationId the same value as {@code commandId}
 * @param occurredAt when api-service accepted the command
 * @param instancePairId the pair's mirrors; null for any pair
 * @param groupPath mirrors whose source or target project is under this group; null for any
 * @param mirrorIds these mirrors; null for any
 */
public record RefreshMirrors(
        UUID commandId,
        UUID correlationId,
        Instant occurredAt,
        Long instancePairId,
        String groupPath,
        List<Long> mirrorIds)
        implements Command {

    @Override
    public String partitionKey() {
        return "refresh:" + commandId;
    }

    @Override
    public String subjectId() {
        if (mirrorIds != null && mirrorIds.size() == 1) {
            return Subjects.mirror(mirrorIds.get(0));
        }
        return instancePairId != null ? Subjects.pair(instancePairId) : "mirrors:refresh";
    }
}
