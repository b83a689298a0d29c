package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.SYNC;
import static io.mirrormaestro.worker.mirror.Orders.VERIFY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.PULL_TOKEN;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.VerifyMirror;
import io.mirrormaestro.common.event.MirrorVerified;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance.MirrorView;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import io.mirrormaestro.worker.gitlab.PullMirrorSettings;
import io.mirrormaestro.worker.gitlab.PushMirrorChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verification: GitLab's state recorded, drift and orphans found, stuck updates told apart, and repair. */
class VerifyMirrorTest extends MirrorIntegrationTest {

    @Test
    void verifyRecordsWhatGitLabReports() {
        SimProject source = project(A, "upstream", "check");
        SimProject target = project(B, "mirror", "check");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        awaitPushStatus(source, "finished");

        UUID verify = send(mirror.id(), VERIFY);

        succeeded(verify);
        assertThat(changeEvent(verify)).isInstanceOf(MirrorVerified.class);
        assertThat(changeEvent(verify).detail()).isEqualTo("finished; no drift");
        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.lastUpdateStatus()).isEqualTo("finished");
        assertThat(stored.lastSuccessfulUpdate()).isNotNull();
        assertThat(stored.lastUpdateAt()).isNotNull();
        assertThat(stored.lastUpdateStartedAt()).isNotNull();
        assertThat(stored.lastCheckedAt()).isNotNull();
        assertThat(stored.lastError()).isNull();
        assertThat(stored.drift()).isEmpty();
        assertThat(stored.stuck()).isFalse();
        assertThat(stored.orphaned()).isFalse();
    }

    @Test
    void driftIsReportedAndRepairPutsGitLabBack() throws Exception {
        SimProject source = project(A, "upstream", "drift");
        SimProject target = project(B, "mirror", "drift");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        ProjectRef project = ProjectRef.of(source.id());
        // someone changed the mirror in GitLab's UI
        gitlab(A_ID)
                .updatePushMirror(
                        project,
                        mirror.mirrorId(),
                        PushMirrorChanges.none().withEnabled(false).withKeepDivergentRefs(false));

        UUID verify = send(mirror.id(), VERIFY);

        succeeded(verify);
        assertThat(changeEvent(verify).detail()).endsWith("; drift: enabled, keep_divergent_refs");
        assertThat(mirror(mirror.id()).drift()).containsExactly("enabled", "keep_divergent_refs");
        assertThat(gitlab(A_ID).pushMirror(project, mirror.mirrorId()).enabled())
                .as("only looked")
                .isFalse();

        UUID repair = send(verifyAndRepair(mirror.id()));

        succeeded(repair);
        assertThat(changeEvent(repair).detail()).endsWith("; drift: enabled, keep_divergent_refs; repaired");
        PushMirror repaired = gitlab(A_ID).pushMirror(project, mirror.mirrorId());
        assertThat(repaired.enabled()).isTrue();
        assertThat(repaired.keepDivergentRefs()).isTrue();
        assertThat(mirror(mirror.id()).drift()).isEmpty();
        assertThat(A.pushMirrors(source.pathWithNamespace())).hasSize(1);
    }

    @Test
    void aMirrorGitLabLostIsOrphanedAndRepairRecreatesIt() throws Exception {
        SimProject source = project(A, "upstream", "lost");
        SimProject target = project(B, "mirror", "lost");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        gitlab(A_ID).deletePushMirror(ProjectRef.of(source.id()), mirror.mirrorId());

        UUID verify = send(mirror.id(), VERIFY);

        succeeded(verify);
        String why = "GitLab no longer has push mirror " + mirror.mirrorId() + " on " + source.pathWithNamespace();
        assertThat(changeEvent(verify).detail()).isEqualTo("orphaned: " + why);
        assertThat(mirror(mirror.id()).orphaned()).isTrue();
        assertThat(mirror(mirror.id()).lastError()).isEqualTo(why);

        UUID repair = send(verifyAndRepair(mirror.id()));

        succeeded(repair);
        assertThat(A.pushMirrors(source.pathWithNamespace())).singleElement().satisfies(m -> {
            assertThat(m.id()).isNotEqualTo(mirror.mirrorId());
            assertThat(m.enabled()).isTrue();
        });
        long recreated = A.pushMirrors(source.pathWithNamespace()).get(0).id();
        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.mirrorId()).isEqualTo(recreated);
        assertThat(stored.orphaned()).isFalse();
        assertThat(stored.lastError()).isNull();
        assertThat(changeEvent(repair).detail()).contains("re-created as " + recreated);
        awaitPushStatus(source, "finished");
    }

    @Test
    void anUpdateRunningForOverAnHourIsStuckThreeHoursOnItsFirstRun() {
        SimProject first = project(A, "upstream", "stuck-first");
        SimProject again = project(A, "upstream", "stuck-again");
        try {
            // never succeeded: GitLab gives the first update three hours
            A.faults().setStuck(first.id(), true);
            MirrorRecord fresh = created(
                    newPushMirror(first, project(B, "mirror", "stuck-first"), true, MirrorRecord.Overrides.NONE));
            Instant started = awaitPushStatus(first, "started").lastUpdateStartedAt();

            clock.setTo(started.plus(Duration.ofHours(2)));
            UUID early = send(fresh.id(), VERIFY);
            assertThat(changeEvent(early).detail()).isEqualTo("started; no drift");
            assertThat(mirror(fresh.id()).stuck()).isFalse();

            clock.setTo(started.plus(Duration.ofHours(3).plusMinutes(1)));
            UUID late = send(fresh.id(), VERIFY);
            assertThat(changeEvent(late).detail())
                    .startsWith("started; stuck since ")
                    .endsWith("; no drift");
            assertThat(mirror(fresh.id()).stuck()).isTrue();
            clock.reset();

            // succeeded before: stuck after one hour
            MirrorRecord seasoned = created(
                    newPushMirror(again, project(B, "mirror", "stuck-again"), true, MirrorRecord.Overrides.NONE));
            awaitPushStatus(again, "finished");
            A.faults().setStuck(again.id(), true);
            A.advanceClock(Duration.ofMinutes(6)); // past GitLab's 5-minute backoff, or the sync would only queue
            succeeded(send(seasoned.id(), SYNC));
            Instant restarted = awaitPushStatus(again, "started").lastUpdateStartedAt();

            clock.setTo(restarted.plus(Duration.ofMinutes(61)));
            UUID verify = send(seasoned.id(), VERIFY);
            assertThat(changeEvent(verify).detail()).startsWith("started; stuck since");
            assertThat(mirror(seasoned.id()).stuck()).isTrue();
        } finally {
            A.faults().setStuck(first.id(), false);
            A.faults().setStuck(again.id(), false);
        }
    }

    @Test
    void aPullMirrorsSettingsAreComparedAndRepairedOnGitLab175AndLater() throws Exception {
        SimProject source = project(A, "upstream", "pull-drift");
        SimProject target = project(B, "mirror", "pull-drift");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));
        ProjectRef project = ProjectRef.of(target.id());
        gitlab(B_ID)
                .configurePullMirror(
                        project,
                        PullMirrorSettings.of(plainUrl(A, source), "pull-bot", PULL_TOKEN)
                                .withTriggerBuilds(true)
                                .withOnlyProtectedBranches(true));

        UUID verify = send(mirror.id(), VERIFY);

        succeeded(verify);
        assertThat(changeEvent(verify).detail())
                .endsWith("; drift: only_mirror_protected_branches, mirror_trigger_builds");

        succeeded(send(verifyAndRepair(mirror.id())));
        PullMirror repaired = gitlab(B_ID).pullMirror(project).orElseThrow();
        assertThat(repaired.mirrorTriggerBuilds()).isFalse();
        assertThat(repaired.onlyMirrorProtectedBranches()).isFalse();
        assertThat(mirror(mirror.id()).drift()).isEmpty();
    }

    private MirrorView awaitPushStatus(SimProject source, String status) {
        return await().atMost(WAIT)
                .until(() -> A.pushMirrors(source.pathWithNamespace()).get(0), m -> m.updateStatus()
                        .equals(status));
    }

    private static MirrorCommand verifyAndRepair(long mirrorId) {
        UUID id = UUID.randomUUID();
        return new VerifyMirror(id, id, Instant.now(), mirrorId, true, null);
    }
}
