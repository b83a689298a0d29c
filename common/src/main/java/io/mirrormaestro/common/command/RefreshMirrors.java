package io.mirrormaestro.common.command;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Read GitLab's state of a selection of mirrors now ("refresh now"), one GitLab request per project that holds them,
 * and record and publish what changed as the background status refresh does. The selection is resolved by the
 * worker when it runs, so it carries selectors, not a list of every mirror of a pair.
 *
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
            return "mirror:" + mirrorIds.get(0);
        }
        return instancePairId != null ? "pair:" + instancePairId : "mirrors:refresh";
    }
}
