package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.SYNC;
import static io.mirrormaestro.worker.mirror.Orders.VERIFY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.event.GitLabVerdict;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.event.MirrorSyncFinished;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance.MirrorView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

/**
 * After a sync is requested, GitLab first says {@code scheduled}; the follow-up reads the mirror again later and
 * records how GitLab ended it, with an event for the activity log, and stays silent when that is already known.
 */
class SyncFollowUpTest extends MirrorIntegrationTest {

    @Autowired
    StorageProvider jobs;

    @Test
    void aSyncGitLabFinishesLaterIsRecordedAsFinishedWithAnEvent() {
        SimProject source = project(A, "upstream", "follow-finished");
        SimProject target = project(B, "mirror", "follow-finished");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        MirrorView first = awaitPushStatus(source, "finished");
        A.advanceClock(Duration.ofMinutes(6)); // past GitLab's 5-minute backoff, or the sync would only queue
        A.faults().setSyncDelay(Duration.ofSeconds(3)); // scheduled, 3 s later started, 3 s later finished
        try {
            UUID sync = send(mirror.id(), SYNC);

            succeeded(sync);
            assertThat(mirror(mirror.id()).lastUpdateStatus()).isIn("scheduled", "started");

            MirrorChanged result = syncResult(sync);
            MirrorView gitlab = A.pushMirrors(source.pathWithNamespace()).get(0);
            assertThat(gitlab.updateStatus()).isEqualTo("finished");
            assertThat(gitlab.lastUpdateAt()).isAfter(first.lastUpdateAt());
            MirrorRecord stored = mirror(mirror.id());
            assertThat(stored.lastUpdateStatus()).isEqualTo("finished");
            assertThat(stored.lastError()).isNull();
            assertThat(stored.lastUpdateAt()).isEqualTo(millis(gitlab.lastUpdateAt()));
            assertThat(stored.lastSuccessfulUpdate()).isEqualTo(millis(gitlab.lastSuccessfulUpdateAt()));
            assertThat(stored.stuck()).isFalse();
            assertThat(result.subjectId()).isEqualTo("mirror:" + mirror.id());
            assertThat(result.commandType()).isEqualTo("SyncMirror");
            assertThat(result.batchLine()).isNull();
            assertThat(((MirrorSyncFinished) result).verdict()).isEqualTo(GitLabVerdict.UP_TO_DATE);
            assertThat(result.detail())
                    .isEqualTo("GitLab finished the sync of push mirror " + source.pathWithNamespace()
                            + " (gitlab-a) → " + target.pathWithNamespace() + " (gitlab-b)");
        } finally {
            A.faults().setSyncDelay(null);
        }
    }

    @Test
    void aSyncGitLabFailsIsRecordedWithGitLabsError() {
        SimProject source = project(A, "upstream", "follow-failed");
        SimProject target = project(B, "mirror", "follow-failed");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        awaitPushStatus(source, "finished");
        B.setArchived(target, true); // GitLab refuses pushes into an archived project
        A.advanceClock(Duration.ofMinutes(6));

        UUID sync = send(mirror.id(), SYNC);

        succeeded(sync);
        MirrorChanged result = syncResult(sync);
        MirrorView gitlab = A.pushMirrors(source.pathWithNamespace()).get(0);
        assertThat(gitlab.updateStatus()).isEqualTo("failed");
        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.lastUpdateStatus()).isEqualTo("failed");
        assertThat(stored.lastError())
                .isEqualTo(gitlab.lastError())
                .contains("You can't push code to an archived project.");
        assertThat(stored.lastUpdateAt()).isEqualTo(millis(gitlab.lastUpdateAt()));
        assertThat(stored.lastSuccessfulUpdate()).isEqualTo(millis(gitlab.lastSuccessfulUpdateAt()));
        assertThat(((MirrorSyncFinished) result).verdict()).isEqualTo(GitLabVerdict.FAILED);
        assertThat(result.detail())
                .startsWith("GitLab's sync of push mirror " + source.pathWithNamespace())
                .contains(" failed: ")
                .endsWith(gitlab.lastError());
    }

    @Test
    void aFollowUpThatFindsItsOutcomeRecordedAlreadyWritesAndPublishesNothing() {
        SimProject source = project(A, "upstream", "follow-known");
        SimProject target = project(B, "mirror", "follow-known");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        Instant before = awaitPushStatus(source, "finished").lastUpdateAt();
        A.advanceClock(Duration.ofMinutes(6));
        UUID sync = send(mirror.id(), SYNC);
        succeeded(sync);
        await().atMost(WAIT)
                .until(
                        () -> A.pushMirrors(source.pathWithNamespace()).get(0),
                        m -> "finished".equals(m.updateStatus())
                                && m.lastUpdateAt().isAfter(before));
        // someone verifies before the follow-up reads: the follow-up finds GitLab's end already recorded
        succeeded(send(mirror.id(), VERIFY));
        assertThat(mirror(mirror.id()).lastUpdateStatus()).isEqualTo("finished");
        Document recorded = document(mirror.id());
        String read = "/projects/" + source.id() + "/remote_mirrors/" + mirror.mirrorId();
        int readsBefore = requests(A, "GET", read).size();

        UUID firstRead = new SyncFollowUp(mirror.id(), sync, sync, "SyncMirror", 1, 1, 0).jobId();
        await().atMost(WAIT).until(() -> jobs.getJobById(firstRead).getState() == StateName.SUCCEEDED);

        assertThat(requests(A, "GET", read)).hasSize(readsBefore + 1); // the follow-up read GitLab once
        assertThat(document(mirror.id())).isEqualTo(recorded);
        assertThat(syncResults(sync)).isEmpty();
    }

    private MirrorChanged syncResult(UUID command) {
        return await().atMost(WAIT)
                .until(() -> syncResults(command).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private List<MirrorChanged> syncResults(UUID command) {
        return events(command).stream()
                .filter(MirrorChanged.class::isInstance)
                .map(MirrorChanged.class::cast)
                .filter(MirrorSyncFinished.class::isInstance)
                .toList();
    }

    private static MirrorView awaitPushStatus(SimProject source, String status) {
        return await().atMost(WAIT)
                .until(
                        () -> A.pushMirrors(source.pathWithNamespace()).stream()
                                .findFirst()
                                .orElse(null),
                        m -> m != null && status.equals(m.updateStatus()));
    }

    private Document document(long id) {
        return mongo.findOne(new Query(where("_id").is(id)), Document.class, MirrorCollection.NAME);
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }
}
