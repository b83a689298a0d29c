package io.mirrormaestro.worker.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrormaestro.common.gitlab.MirrorUpdateStatus;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.gitlab.NewPushMirror;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredSettingsTest {

    static final PairRecord PAIR = new PairRecord(
            1, "pair", null, 1, 2, "push", true, true, false, false, null, null, Instant.EPOCH, Instant.EPOCH);

    @Test
    void overridesBeatGroupDefaultsWhichBeatThePairAndDivergedMapsToKeepDivergentRefs() {
        GroupDefaultsRecord group = new GroupDefaultsRecord(
                1, 1, "platform", null, null, null, null, null, "^main$", null, Instant.EPOCH, Instant.EPOCH);

        DesiredSettings pairOnly =
                DesiredSettings.resolve(mirror("push", true, MirrorRecord.Overrides.NONE), PAIR, List.of());
        DesiredSettings grouped = DesiredSettings.resolve(mirror("push", false, null), PAIR, List.of(group));
        DesiredSettings overridden = DesiredSettings.resolve(
                mirror("push", true, new MirrorRecord.Overrides(null, false, null, null, "", null)), PAIR, List.of());

        assertThat(pairOnly.overwriteDiverged()).isTrue();
        assertThat(pairOnly.keepDivergentRefs()).isFalse();
        assertThat(pairOnly.branchRegex()).isNull();
        assertThat(grouped.branchRegex()).isEqualTo("^main$");
        assertThat(grouped.enabled()).isFalse();
        assertThat(overridden.keepDivergentRefs()).isTrue();
        assertThat(overridden.branchRegex()).as("an empty override inherits").isNull();
        NewPushMirror request = grouped.newPushMirror("https://u:p@h/g/p.git");
        assertThat(request.enabled()).isFalse();
        assertThat(request.keepDivergentRefs()).isFalse();
        assertThat(request.mirrorBranchRegex()).isEqualTo("^main$");
    }

    @Test
    void protectedBranchesOnlyAndARegexTogetherAreRejectedNamingWhereEachCameFrom() {
        MirrorRecord both = mirror("push", true, new MirrorRecord.Overrides(null, null, null, true, "^x$", null));

        assertThatThrownBy(() -> DesiredSettings.resolve(both, PAIR, List.of()))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("only_mirror_protected_branches (from mirror) and mirror_branch_regex (from mirror) exclude"
                        + " each other in GitLab; clear one of them");
    }

    @Test
    void pushDriftNamesGitLabsFields() {
        DesiredSettings wanted = new DesiredSettings(true, false, false, "^release/", false, null);

        assertThat(wanted.driftOf(push(true, false, true, "^release/"))).isEmpty();
        assertThat(wanted.driftOf(push(false, true, false, null)))
                .containsExactly("enabled", "only_protected_branches", "keep_divergent_refs", "mirror_branch_regex");
    }

    @Test
    void pullDriftComparesConfigurationOnlyWhereGitLabReportsIt() {
        DesiredSettings wanted = new DesiredSettings(true, false, false, null, true, null);
        PullMirror reported = pull(true, false, true, false, "");
        PullMirror before175 = pull(null, null, null, null, null);

        assertThat(wanted.driftOf(reported, true))
                .containsExactly("mirror_overwrites_diverged_branches", "mirror_trigger_builds");
        assertThat(wanted.driftOf(before175, true)).isEmpty();
        assertThat(wanted.driftOf(before175, false)).containsExactly("url");
        assertThat(new DesiredSettings(false, false, false, null, false, null).driftOf(before175, true))
                .containsExactly("enabled");
    }

    static MirrorRecord mirror(String direction, boolean enabled, MirrorRecord.Overrides overrides) {
        return MirrorRecord.desired(
                1,
                1,
                1,
                2,
                10,
                "platform/api",
                20,
                "mirror/api",
                direction,
                overrides,
                enabled,
                "active",
                Instant.EPOCH);
    }

    static PushMirror push(boolean enabled, boolean onlyProtected, boolean keepDivergent, String regex) {
        return new PushMirror(
                1,
                enabled,
                "https://*****:*****@h/g/p.git",
                MirrorUpdateStatus.FINISHED,
                null,
                null,
                null,
                null,
                onlyProtected,
                keepDivergent,
                regex,
                null);
    }

    static PullMirror pull(
            Boolean enabled, Boolean triggerBuilds, Boolean overwrite, Boolean onlyProtected, String regex) {
        return new PullMirror(
                1,
                "https://*****:*****@h/g/p.git",
                MirrorUpdateStatus.FINISHED,
                null,
                null,
                null,
                null,
                enabled,
                triggerBuilds,
                onlyProtected,
                overwrite,
                regex);
    }
}
