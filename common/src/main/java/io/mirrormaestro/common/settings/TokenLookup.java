package io.mirrormaestro.common.settings;

import io.mirrormaestro.common.store.GroupTokenRecord;
import java.util.List;
import java.util.Optional;

/**
 * Which group access token a mirror URL embeds: the one for the most specific group above the project, on the
 * instance whose URL is embedded (the target for push mirrors, the source for pull mirrors). Paths match exactly.
 */
public final class TokenLookup {

    private TokenLookup() {}

    public static Optional<GroupTokenRecord> forProject(
            List<GroupTokenRecord> instanceTokens, long instanceId, String projectPath) {
        for (String group : GroupPaths.namespacesOf(projectPath)) {
            Optional<GroupTokenRecord> match = instanceTokens.stream()
                    .filter(t ->
                            t.gitlabInstanceId() == instanceId && t.groupPath().equals(group))
                    .findFirst();
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }
}
