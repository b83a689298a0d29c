package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.RefreshMirrors;
import io.mirrormaestro.common.command.VerifyMirror;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.GitLabVerdict;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.event.MirrorStatusRefreshed;
import io.mirrormaestro.common.event.MirrorSyncFinished;
import io.mirrormaestro.common.event.MirrorsRefreshed;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.kafka.JsonSerde;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.TestInfrastructure;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import io.mirrormaestro.worker.gitlab.PushMirrorChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;

/**
 * The background status refresh against the simulator: one GitLab request per project that holds mirrors, nothing
 * written or published when nothing changed, and a mirror GitLab fails on its own recorded within its cadence. The
 * recurring sweep is off in tests (config/worker-service.yml), so this test runs sweeps itself, with short cadences.
 */
@TestPropertySource(
        properties = {
            "mm.worker.refresh.tick=PT2S",
            "mm.worker.refresh.active-interval=PT5S",
            "mm.worker.refresh.failed-interval=PT10S",
            "mm.worker.refresh.healthy-interval=PT10S"
        })
class StatusRefreshTest extends MirrorIntegrationTest {

    /**
     * Failed cadence, plus a sweep's tick and JobRunr's 5 s poll before a job is picked up, the test's own 2 s poll,
     * and a margin for a loaded machine (a job's pickup may slip a poll).
     */
    private static final Duration FAILED_CADENCE_AND_PICKUP = Duration.ofSeconds(10 + 2 + 5 + 2 + 11);

    @Autowired
    StatusRefresh refresh;

    @Autowired
    RefreshPlanner planner;

    @Test
    void oneRefreshAsksEachProjectOnceAndASecondOnAnUnchangedEstateWritesAndPublishesNothing() {
        // P = 4 projects holding N = 8 mirrors: two source projects with three push mirrors each, two pulling projects
        List<SimProject> sources =
                List.of(project(A, "upstream", "refresh-src"), project(A, "upstream", "refresh-src"));
        List<MirrorRecord> mirrors = new ArrayList<>();
        for (SimProject source : sources) {
            for (int i = 0; i < 3; i++) {
                mirrors.add(created(
                        newPushMirror(source, project(B, "mirror", "refresh-dst"), true, MirrorRecord.Overrides.NONE)));
            }
        }
        List<SimProject> pulling = List.of(project(B, "mirror", "refresh-pull"), project(B, "mirror", "refresh-pull"));
        for (SimProject target : pulling) {
            mirrors.add(created(newPullMirror(
                    PULL_PAIR, B_ID, project(A, "upstream", "refresh-up"), target, MirrorRecord.Overrides.NONE)));
        }
        List<Long> ids = mirrors.stream().map(MirrorRecord::id).toList();
        // the first syncs' follow-ups have read and recorded GitLab's end: they make no more requests
        await().atMost(WAIT).until(() -> ids.stream()
                .allMatch(id -> "finished".equals(mirror(id).lastUpdateStatus())));
        Set<Long> projectIds = Stream.concat(sources.stream(), pulling.stream())
                .map(SimProject::id)
                .collect(Collectors.toSet());
        int pushBefore = ofProjects(A, projectIds).size();
        int pullBefore = ofProjects(B, projectIds).size();

        assertThat(refresh.refreshNow(ids)).isEqualTo(4);

        List<RequestLogEntry> push = ofProjects(A, projectIds)
                .subList(pushBefore, ofProjects(A, projectIds).size());
        List<RequestLogEntry> pull = ofProjects(B, projectIds)
                .subList(pullBefore, ofProjects(B, projectIds).size());
        assertThat(push)
                .extracting(e -> e.method() + " " + e.apiPath())
                .containsExactlyInAnyOrder(
                        "GET /projects/" + sources.get(0).id() + "/remote_mirrors",
                        "GET /projects/" + sources.get(1).id() + "/remote_mirrors");
        assertThat(pull)
                .extracting(e -> e.method() + " " + e.apiPath())
                .containsExactlyInAnyOrder(
                        "GET /projects/" + pulling.get(0).id() + "/mirror/pull",
                        "GET /projects/" + pulling.get(1).id() + "/mirror/pull");

        List<Document> before = documents(ids);
        int eventsBefore = refreshEvents(ids).size();

        assertThat(refresh.refreshNow(ids)).isEqualTo(4);

        assertThat(documents(ids)).isEqualTo(before);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> refreshEvents(ids).size() == eventsBefore);
    }

    @Test
    void aMirrorGitLabFailsOnItsOwnShowsFailedWithGitLabsErrorWithinTheFailedCadence() {
        SimProject source = project(A, "upstream", "refresh-fails");
        SimProject target = project(B, "mirror", "refresh-fails");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        await().atMost(WAIT).until(() -> "finished".equals(mirror(mirror.id()).lastUpdateStatus()));

        // GitLab pushes on its own (a push to the source), with no command of ours, and fails
        B.setArchived(target, true);
        A.advanceClock(Duration.ofMinutes(6));
        long gitlabId = mirror(mirror.id()).mirrorId();
        try {
            gitlab(A_ID).syncPushMirror(ProjectRef.of(source.id()), gitlabId);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String error = await().atMost(WAIT)
                .until(() -> A.pushMirrors(source.pathWithNamespace()).get(0), m -> "failed".equals(m.updateStatus()))
                .lastError();
        assertThat(error).isNotBlank();

        MirrorRecord seen = await().atMost(FAILED_CADENCE_AND_PICKUP)
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            planner.sweep();
                            return mirror(mirror.id());
                        },
                        m -> "failed".equals(m.lastUpdateStatus()));
        assertThat(seen.lastError()).isEqualTo(error);
        assertThat(refreshEvents(List.of(mirror.id()))).anySatisfy(e -> {
            assertThat(((MirrorStatusRefreshed) e).verdict()).isEqualTo(GitLabVerdict.FAILED);
            assertThat(((MirrorChanged) e).detail())
                    .startsWith("GitLab reports push mirror " + source.pathWithNamespace())
                    .endsWith("failed: " + error);
        });
    }

    @Test
    void refreshNowIsACommandThatRecordsWhatChangedAndSaysSo() throws Exception {
        SimProject source = project(A, "upstream", "refresh-now");
        SimProject target = project(B, "mirror", "refresh-now");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        await().atMost(WAIT).until(() -> "finished".equals(mirror(mirror.id()).lastUpdateStatus()));
        // our record behind GitLab's: an error GitLab no longer reports
        changeMirror(mirror.id(), new Update().set("last_error", "an old error"));

        UUID commandId = UUID.randomUUID();
        RefreshMirrors command =
                new RefreshMirrors(commandId, commandId, Instant.now(), null, null, List.of(mirror.id()));
        mongo.insert(CommandRecord.accepted(
                commandId,
                command.typeName(),
                command.subjectId(),
                Json.mapper().writeValueAsString(command),
                Instant.now()));
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.endpoints().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                JsonSerde.CommandSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, command.partitionKey(), command))
                    .get();
        }

        succeeded(commandId);
        MirrorsRefreshed done = await().atMost(WAIT)
                .until(
                        () -> EventLog.forCommand(commandId).stream()
                                .filter(MirrorsRefreshed.class::isInstance)
                                .map(MirrorsRefreshed.class::cast)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(done.summary()).isEqualTo("Refreshed 1 mirror from 1 GitLab project: 1 changed");
        assertThat(done.subjectId()).isEqualTo("mirror:" + mirror.id());
        assertThat(mirror(mirror.id()).lastError()).isNull();
        assertThat(refreshEvents(List.of(mirror.id()))).singleElement().satisfies(e -> {
            assertThat(((MirrorStatusRefreshed) e).verdict()).isEqualTo(GitLabVerdict.UP_TO_DATE);
            assertThat(e.summary()).startsWith("GitLab reports push mirror ").endsWith(" up to date");
        });
    }

    @Test
    void aSyncGitLabRunsLongerThanStuckAfterIsRecordedStuck() throws Exception {
        SimProject source = project(A, "upstream", "refresh-stuck");
        SimProject target = project(B, "mirror", "refresh-stuck");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        await().atMost(WAIT).until(() -> "finished".equals(mirror(mirror.id()).lastUpdateStatus()));
        A.faults().setStuck(source.id(), true);
        try {
            A.advanceClock(Duration.ofMinutes(6));
            gitlab(A_ID)
                    .syncPushMirror(
                            ProjectRef.of(source.id()), mirror(mirror.id()).mirrorId());
            Instant started = await().atMost(WAIT)
                    .until(() -> A.pushMirrors(source.pathWithNamespace()).get(0), m -> "started"
                            .equals(m.updateStatus()))
                    .lastUpdateStartedAt();

            clock.setTo(started.plus(Duration.ofMinutes(29)));
            refresh.refreshNow(List.of(mirror.id()));
            assertThat(mirror(mirror.id()).lastUpdateStatus()).isEqualTo("started");
            assertThat(mirror(mirror.id()).stuck()).as("within MM_STUCK_AFTER").isFalse();

            clock.setTo(started.plus(Duration.ofMinutes(31)));
            refresh.refreshNow(List.of(mirror.id()));
            assertThat(mirror(mirror.id()).stuck())
                    .as("syncing longer than MM_STUCK_AFTER")
                    .isTrue();
        } finally {
            A.faults().setStuck(source.id(), false);
        }
    }

    @Test
    void aPullMirrorGitLabPausedIsRecordedPausedWithGitLabsWords() {
        SimProject upstream = project(A, "upstream", "refresh-paused");
        SimProject target = project(B, "mirror", "refresh-paused");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, upstream, target, MirrorRecord.Overrides.NONE));
        await().atMost(WAIT).until(() -> "finished".equals(mirror(mirror.id()).lastUpdateStatus()));
        // as after GitLab's 14 failed pulls in a row (Gitlab::Mirror::MAX_RETRY): hard failed, paused
        B.internalState().projectByPath(target.pathWithNamespace()).pull.hardFailed = true;

        failed(send(mirror.id(), Orders.SYNC));

        MirrorRecord paused = mirror(mirror.id());
        assertThat(paused.paused()).isTrue();
        assertThat(paused.lastError()).contains("Mirroring for the project is on pause");
    }

    @Test
    void aSyncWhoseFollowUpStillReadsIsLeftToItsFollowUp() {
        SimProject source = project(A, "upstream", "refresh-followed");
        SimProject target = project(B, "mirror", "refresh-followed");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        await().atMost(WAIT).until(() -> "finished".equals(mirror(mirror.id()).lastUpdateStatus()));
        A.advanceClock(Duration.ofMinutes(6));
        A.faults().setSyncDelay(Duration.ofSeconds(3));
        try {
            UUID sync = send(mirror.id(), Orders.SYNC);
            succeeded(sync);
            int before = ofProjects(A, Set.of(source.id())).size();

            refresh.refreshNow(List.of(mirror.id()));

            assertThat(ofProjects(A, Set.of(source.id())))
                    .as("no read while the follow-up reads")
                    .hasSize(before);
            MirrorChanged result = await().atMost(WAIT)
                    .until(
                            () -> EventLog.forCommand(sync).stream()
                                    .filter(e -> e instanceof MirrorSyncFinished)
                                    .map(MirrorChanged.class::cast)
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(result.detail()).startsWith("GitLab finished the sync of");
            assertThat(refreshEvents(List.of(mirror.id()))).isEmpty();
        } finally {
            A.faults().setSyncDelay(null);
        }
    }

    @Test
    void anInstanceTheRefreshCannotReachIsToldOncePerOutageNotOncePerProject() {
        List<SimProject> sources =
                List.of(project(A, "upstream", "refresh-outage"), project(A, "upstream", "refresh-outage"));
        List<Long> ids = new ArrayList<>();
        for (SimProject source : sources) {
            ids.add(created(newPushMirror(
                            source, project(B, "mirror", "refresh-outage"), true, MirrorRecord.Overrides.NONE))
                    .id());
        }
        await().atMost(WAIT).until(() -> ids.stream()
                .allMatch(id -> "finished".equals(mirror(id).lastUpdateStatus())));
        String bothProjects =
                "/projects/(" + sources.get(0).id() + "|" + sources.get(1).id() + ")/remote_mirrors";
        refresh.refreshNow(ids); // reached: no outage marked from before
        int before = unreachableEvents().size();
        A.faults().setErrorRate("GET", bothProjects, 1.0, 503);
        try {
            refresh.refreshNow(ids);
            refresh.refreshNow(ids);

            List<CommandFailed> told = await().atMost(WAIT)
                    .until(
                            () -> unreachableEvents()
                                    .subList(before, unreachableEvents().size()),
                            e -> !e.isEmpty());
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> unreachableEvents().size() == before + 1);
            assertThat(told.get(0).commandType()).isEqualTo("RefreshStatus");
            assertThat(told.get(0).httpStatus()).isEqualTo(503);
            assertThat(told.get(0).reason()).startsWith("the status refresh cannot reach ");
        } finally {
            A.faults().setErrorRate("GET", bothProjects, 0.0, 503);
        }

        refresh.refreshNow(ids); // reached again: the outage is over
        A.faults().setErrorRate("GET", bothProjects, 1.0, 502);
        try {
            refresh.refreshNow(ids);

            await().atMost(WAIT).until(() -> unreachableEvents().size() == before + 2);
        } finally {
            A.faults().setErrorRate("GET", bothProjects, 0.0, 502);
            refresh.refreshNow(ids);
        }
    }

    @Test
    void settingsChangedInGitLabAreRecordedAsDriftOnceAndRepairPutsThemBack() throws Exception {
        SimProject source = project(A, "upstream", "refresh-drift");
        MirrorRecord mirror = created(
                newPushMirror(source, project(B, "mirror", "refresh-drift"), true, MirrorRecord.Overrides.NONE));
        await().atMost(WAIT).until(() -> "finished".equals(mirror(mirror.id()).lastUpdateStatus()));
        refresh.refreshNow(List.of(mirror.id()));
        assertThat(mirror(mirror.id()).drift()).isEmpty();
        int eventsBefore = refreshEvents(List.of(mirror.id())).size();

        // someone ticks "only protected branches" in GitLab's settings page
        gitlab(A_ID)
                .updatePushMirror(
                        ProjectRef.of(source.id()),
                        mirror(mirror.id()).mirrorId(),
                        PushMirrorChanges.none().withOnlyProtectedBranches(true));
        refresh.refreshNow(List.of(mirror.id()));

        assertThat(mirror(mirror.id()).drift()).containsExactly("only_protected_branches");
        await().atMost(WAIT).until(() -> refreshEvents(List.of(mirror.id())).size() == eventsBefore + 1);
        assertThat(last(refreshEvents(List.of(mirror.id()))).summary())
                .contains("drifted from ours: only_protected_branches");
        List<Document> drifted = documents(List.of(mirror.id()));

        refresh.refreshNow(List.of(mirror.id()));

        assertThat(documents(List.of(mirror.id())))
                .as("known drift is not written again")
                .isEqualTo(drifted);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> refreshEvents(List.of(mirror.id())).size() == eventsBefore + 1);

        UUID repair =
                send(new VerifyMirror(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), mirror.id(), true, null));
        succeeded(repair);
        assertThat(gitlab(A_ID)
                        .pushMirror(
                                ProjectRef.of(source.id()), mirror(mirror.id()).mirrorId())
                        .onlyProtectedBranches())
                .isFalse();
        refresh.refreshNow(List.of(mirror.id()));
        assertThat(mirror(mirror.id()).drift()).isEmpty();
    }

    private static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    private static List<CommandFailed> unreachableEvents() {
        return EventLog.forSubject("instance:" + A_ID).stream()
                .filter(e -> e instanceof CommandFailed f && "RefreshStatus".equals(f.commandType()))
                .map(CommandFailed.class::cast)
                .toList();
    }

    private static List<RequestLogEntry> ofProjects(SimulatedInstance gitlab, Set<Long> projectIds) {
        Pattern ours = Pattern.compile("/projects/(\\d+)(/.*)?");
        return gitlab.requestLog().stream()
                .filter(e -> {
                    var m = ours.matcher(e.apiPath());
                    return m.matches() && projectIds.contains(Long.parseLong(m.group(1)));
                })
                .toList();
    }

    private List<Document> documents(List<Long> ids) {
        Query query = Query.query(where("_id").in(ids)).with(Sort.by("_id"));
        return mongo.find(query, Document.class, mongo.getCollectionName(MirrorRecord.class));
    }

    private static List<Event> refreshEvents(List<Long> ids) {
        return ids.stream()
                .flatMap(id -> EventLog.forSubject("mirror:" + id).stream())
                .filter(e -> e instanceof MirrorStatusRefreshed)
                .toList();
    }
}
