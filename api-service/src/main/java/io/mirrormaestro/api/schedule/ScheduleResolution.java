package io.mirrormaestro.api.schedule;

import io.mirrormaestro.common.settings.GroupPaths;
import java.util.Map;

/**
 * Which entry governs a mirror, a group or a pair, as the other mirror settings resolve: the mirror's own, else the
 * most specific group (the source project's groups first, then the target's) that has one, else the pair's. An
 * entry that says "none" governs too: it is what switches the less specific ones off.
 */
final class ScheduleResolution {

    private ScheduleResolution() {}

    /**
     * @param entries the pair's entries by id (pair, group and mirror ones)
     * @return the governing entry, or null when no level sets one
     */
    static ScheduleRecord forMirror(
            Map<String, ScheduleRecord> entries,
            long pairId,
            Long mirrorId,
            String sourceProjectPath,
            String targetProjectPath) {
        if (mirrorId != null) {
            ScheduleRecord own = entries.get(ScheduleRecord.mirrorKey(mirrorId));
            if (own != null) {
                return own;
            }
        }
        for (String group : GroupPaths.namespacesOf(sourceProjectPath, targetProjectPath)) {
            ScheduleRecord set = entries.get(ScheduleRecord.groupKey(pairId, group));
            if (set != null) {
                return set;
            }
        }
        return entries.get(ScheduleRecord.pairKey(pairId));
    }

    /** For a group: its own entry, else its parent groups' (nearest first), else the pair's. */
    static ScheduleRecord forGroup(Map<String, ScheduleRecord> entries, long pairId, String groupPath) {
        ScheduleRecord own = entries.get(ScheduleRecord.groupKey(pairId, groupPath));
        if (own != null) {
            return own;
        }
        for (String parent : GroupPaths.namespacesOf(groupPath)) {
            ScheduleRecord set = entries.get(ScheduleRecord.groupKey(pairId, parent));
            if (set != null) {
                return set;
            }
        }
        return entries.get(ScheduleRecord.pairKey(pairId));
    }
}
