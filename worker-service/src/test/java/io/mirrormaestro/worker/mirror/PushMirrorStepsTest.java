package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.DesiredSettingsTest.push;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.worker.gitlab.PushMirrorChanges;
import org.junit.jupiter.api.Test;

/** GitLab refuses "only protected branches" and a regex in one request and on one mirror: switching takes two. */
class PushMirrorStepsTest {

    static final PushMirrorChanges BASE =
            PushMirrorChanges.none().withEnabled(true).withKeepDivergentRefs(true);

    @Test
    void usuallyOneUpdateCarriesEverything() {
        assertThat(PushMirrorSteps.toward(push(false, false, false, null), wanted(true, null)))
                .containsExactly(BASE.withOnlyProtectedBranches(true));
        assertThat(PushMirrorSteps.toward(push(true, false, true, "^a$"), wanted(false, "^b$")))
                .containsExactly(BASE.withMirrorBranchRegex("^b$"));
    }

    @Test
    void fromProtectedBranchesOnlyToARegexSwitchesTheFormerOffFirst() {
        assertThat(PushMirrorSteps.toward(push(true, true, true, null), wanted(false, "^release/")))
                .containsExactly(
                        BASE.withOnlyProtectedBranches(false),
                        PushMirrorChanges.none().withMirrorBranchRegex("^release/"));
    }

    @Test
    void fromARegexToAllOrProtectedBranchesRemovesTheRegexFirst() {
        assertThat(PushMirrorSteps.toward(push(true, false, true, "^release/"), wanted(false, null)))
                .containsExactly(BASE.withMirrorBranchRegex(""));
        assertThat(PushMirrorSteps.toward(push(true, false, true, "^release/"), wanted(true, null)))
                .containsExactly(
                        BASE.withMirrorBranchRegex(""), PushMirrorChanges.none().withOnlyProtectedBranches(true));
    }

    private static DesiredSettings wanted(boolean onlyProtected, String regex) {
        return new DesiredSettings(true, onlyProtected, false, regex, false, null);
    }
}
