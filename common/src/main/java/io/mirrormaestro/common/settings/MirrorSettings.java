package io.mirrormaestro.common.settings;

import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The effective settings of a mirror and where each value came from. Each field resolves on its own: the mirror's
 * override if set, else the most specific group default that sets it (the source project's groups first, then the
 * target's), else the pair. Pull-only fields are empty for push mirrors.
 */
public record MirrorSettings(
        Setting<String> mirrorDirection,
        Setting<Boolean> mirrorProtectedBranches,
        Setting<Boolean> mirrorOverwriteDiverged,
        Setting<Boolean> mirrorTriggerBuilds,
        Setting<Boolean> onlyMirrorProtectedBranches,
        Setting<String> mirrorBranchRegex,
        Setting<Long> mirrorUserId) {

    /** A value and its origin: {@code mirror}, {@code group:<path>} or {@code pair}. */
    public record Setting<T>(T value, String source) {}

    /** Per-mirror overrides; null means inherit. */
    public record Overrides(
            String mirrorDirection,
            Boolean mirrorProtectedBranches,
            Boolean mirrorOverwriteDiverged,
            Boolean mirrorTriggerBuilds,
            Boolean onlyMirrorProtectedBranches,
            String mirrorBranchRegex,
            Long mirrorUserId) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null);
    }

    /**
     * Why GitLab would refuse these settings, naming where each conflicting value came from: a branch regex together
     * with protected branches only (GitLab takes one or the other); empty when it would take them.
     */
    public java.util.Optional<String> conflict() {
        if (excludeEachOther(onlyMirrorProtectedBranches.value(), mirrorBranchRegex.value())) {
            // guessing which one the user meant would mirror the wrong branches
            return java.util.Optional.of("only_mirror_protected_branches (from " + onlyMirrorProtectedBranches.source()
                    + ") and mirror_branch_regex (from " + mirrorBranchRegex.source()
                    + ") exclude each other in GitLab; clear one of them");
        }
        return java.util.Optional.empty();
    }

    /**
     * The one rule behind {@link #conflict()}, for one level of settings too (a pair, a group's defaults): GitLab takes
     * a branch regex or protected branches only, not both.
     */
    public static boolean excludeEachOther(Boolean onlyMirrorProtectedBranches, String mirrorBranchRegex) {
        return mirrorBranchRegex != null
                && !mirrorBranchRegex.isBlank()
                && Boolean.TRUE.equals(onlyMirrorProtectedBranches);
    }

    /** The effective settings of a stored mirror: its overrides, its fixed direction, then group defaults and pair. */
    public static MirrorSettings forMirror(
            MirrorRecord mirror, PairRecord pair, List<GroupDefaultsRecord> pairDefaults) {
        MirrorRecord.Overrides o = mirror.overrides() == null ? MirrorRecord.Overrides.NONE : mirror.overrides();
        return resolve(
                pair,
                pairDefaults,
                new Overrides(
                        mirror.mirrorDirection(),
                        o.mirrorProtectedBranches(),
                        o.mirrorOverwriteDiverged(),
                        o.mirrorTriggerBuilds(),
                        o.onlyMirrorProtectedBranches(),
                        o.mirrorBranchRegex(),
                        o.mirrorUserId()),
                mirror.sourceProjectPath(),
                mirror.targetProjectPath());
    }

    /** The direction a new mirror takes: the one asked for (may be null), else its groups' defaults, else the pair's. */
    public static String directionOf(
            PairRecord pair,
            List<GroupDefaultsRecord> pairDefaults,
            String requested,
            String sourceProjectPath,
            String targetProjectPath) {
        return resolve(
                        pair,
                        pairDefaults,
                        new Overrides(requested, null, null, null, null, null, null),
                        sourceProjectPath,
                        targetProjectPath)
                .mirrorDirection()
                .value();
    }

    public static MirrorSettings resolve(
            PairRecord pair,
            List<GroupDefaultsRecord> pairDefaults,
            Overrides mirror,
            String sourceProjectPath,
            String targetProjectPath) {
        Map<String, GroupDefaultsRecord> byPath = pairDefaults.stream()
                .filter(d -> d.instancePairId() == pair.id())
                .collect(Collectors.toMap(GroupDefaultsRecord::groupPath, Function.identity(), (a, b) -> a));
        List<GroupDefaultsRecord> groups = GroupPaths.namespacesOf(sourceProjectPath, targetProjectPath).stream()
                .map(byPath::get)
                .filter(Objects::nonNull)
                .toList();
        Overrides m = mirror == null ? Overrides.NONE : mirror;
        Setting<String> direction =
                pick(m.mirrorDirection(), groups, GroupDefaultsRecord::mirrorDirection, pair.mirrorDirection());
        boolean push = "push".equals(direction.value());
        return new MirrorSettings(
                direction,
                pick(
                        m.mirrorProtectedBranches(),
                        groups,
                        GroupDefaultsRecord::mirrorProtectedBranches,
                        pair.mirrorProtectedBranches()),
                pick(
                        m.mirrorOverwriteDiverged(),
                        groups,
                        GroupDefaultsRecord::mirrorOverwriteDiverged,
                        pair.mirrorOverwriteDiverged()),
                push
                        ? none()
                        : pick(
                                m.mirrorTriggerBuilds(),
                                groups,
                                GroupDefaultsRecord::mirrorTriggerBuilds,
                                pair.mirrorTriggerBuilds()),
                pick(
                        m.onlyMirrorProtectedBranches(),
                        groups,
                        GroupDefaultsRecord::onlyMirrorProtectedBranches,
                        pair.onlyMirrorProtectedBranches()),
                pick(m.mirrorBranchRegex(), groups, GroupDefaultsRecord::mirrorBranchRegex, pair.mirrorBranchRegex()),
                push ? none() : pick(m.mirrorUserId(), groups, GroupDefaultsRecord::mirrorUserId, pair.mirrorUserId()));
    }

    private static <T> Setting<T> pick(
            T mirrorValue, List<GroupDefaultsRecord> groups, Function<GroupDefaultsRecord, T> field, T pairValue) {
        if (mirrorValue != null && !"".equals(mirrorValue)) {
            return new Setting<>(mirrorValue, "mirror");
        }
        Optional<GroupDefaultsRecord> group = groups.stream()
                .filter(g -> field.apply(g) != null && !"".equals(field.apply(g)))
                .findFirst();
        if (group.isPresent()) {
            return new Setting<>(
                    field.apply(group.get()), "group:" + group.get().groupPath());
        }
        return new Setting<>(pairValue, "pair");
    }

    private static <T> Setting<T> none() {
        return new Setting<>(null, "not used by push mirrors");
    }
}
