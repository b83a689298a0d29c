package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.ImportMirrorLine;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.event.MirrorCreated;
import io.mirrormaestro.common.event.MirrorImportSkipped;
import io.mirrormaestro.common.kafka.ContractUpgrade;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Import lines: api-service hands them over by path, and the worker looks the projects up, records the mirror and
 * creates it, or says why not.
 */
class ImportLineCommandsTest extends MirrorIntegrationTest {

    private static final AtomicLong MIRROR_IDS = new AtomicLong(1_000_000);

    @Test
    void aLineIsRecordedFromItsPathsAndCreatedWithTheAdoptionCheckTheCreateAndItsFirstSync() {
        SimProject source = project(A, "upstream", "imported");
        SimProject target = project(B, "mirror", "imported");
        MirrorCommand create = line(source.pathWithNamespace(), target.pathWithNamespace());
        Instant sent = Instant.now();

        succeeded(send(create));

        MirrorRecord recorded = mirror(create.mirrorId());
        assertThat(recorded.lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        assertThat(recorded.sourceProjectId()).isEqualTo(source.id());
        assertThat(recorded.targetProjectId()).isEqualTo(target.id());
        assertThat(recorded.mirrorDirection()).isEqualTo("push");
        assertThat(recorded.instancePairId()).isEqualTo(PUSH_PAIR);
        assertThat(A.pushMirrors(source.pathWithNamespace())).singleElement();
        // its group's listing, or a lookup of its own when a listing from an earlier test is still kept
        assertThat(resolutions(A, source, sent)).containsExactly(200);
        assertThat(resolutions(B, target, sent)).containsExactly(200);
        assertThat(A.requestLog().stream()
                        .filter(e -> e.apiPath().startsWith("/projects/" + source.id() + "/"))
                        .map(e -> e.method() + " " + e.apiPath().substring(("/projects/" + source.id()).length()) + " "
                                + e.status()))
                .as("the adoption check, the create and its first sync")
                .containsExactly(
                        "GET /remote_mirrors 200",
                        "POST /remote_mirrors 201",
                        "POST /remote_mirrors/" + recorded.mirrorId() + "/sync 204");
        MirrorChanged event = changeEvent(create.commandId());
        assertThat(event).isInstanceOf(MirrorCreated.class);
        assertThat(event.batchLine()).isEqualTo(create.batchLine());
    }

    @Test
    void theLinesOfOneGroupAreResolvedByOneListingOfItsProjectsPerInstance() {
        // a subgroup of each side's group (whose token covers it), new, so that no earlier listing is kept
        String bulk = "bulk-" + MIRROR_IDS.incrementAndGet();
        java.util.List<MirrorCommand> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SimProject source = project(A, "upstream/" + bulk, "svc-" + i);
            SimProject target = project(B, "mirror/" + bulk, "svc-" + i);
            lines.add(line(source.pathWithNamespace(), target.pathWithNamespace()));
        }
        lines.forEach(this::send);
        for (MirrorCommand line : lines) {
            succeeded(line.commandId());
            assertThat(mirror(line.mirrorId()).lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        }
        for (SimulatedInstance gitlab : java.util.List.of(A, B)) {
            String group = (gitlab == A ? "upstream/" : "mirror/") + bulk;
            java.util.List<String> resolving = gitlab.requestLog().stream()
                    .filter(e -> e.method().equals("GET"))
                    .map(e -> URLDecoder.decode(e.apiPath(), StandardCharsets.UTF_8))
                    .filter(p -> p.startsWith("/groups/" + group + "/") || p.startsWith("/projects/" + group + "/"))
                    .toList();
            assertThat(resolving)
                    .as("30 lines' projects on %s", gitlab.baseUrl())
                    .containsExactly("/groups/" + group + "/projects");
        }
    }

    @Test
    void aLineForProjectsAnotherMirrorCoversIsSkippedNamingThatMirror() {
        SimProject source = project(A, "upstream", "covered");
        SimProject target = project(B, "mirror", "covered");
        MirrorRecord existing = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        MirrorCommand create = line(source.pathWithNamespace(), target.pathWithNamespace());

        succeeded(send(create));

        MirrorChanged event = changeEvent(create.commandId());
        assertThat(event).isInstanceOf(MirrorImportSkipped.class);
        assertThat(event.detail()).contains("already mirrored by Mirror Maestro: mirror " + existing.id());
        assertThat(((MirrorImportSkipped) event).existingMirrorId())
                .as("the event names the mirror, for api-service to write on the line")
                .isEqualTo(existing.id());
        assertThat(event.batchLine()).isEqualTo(create.batchLine());
        assertThat(mirror(create.mirrorId())).isNull();
        assertThat(A.pushMirrors(source.pathWithNamespace())).singleElement();
    }

    @Test
    void aLineNamingAProjectGitLabDoesNotKnowFailsWithThatPath() {
        SimProject source = project(A, "upstream", "lonely");
        MirrorCommand create = line(source.pathWithNamespace(), "mirror/never-created");

        failed(send(create));

        CommandFailed failure = failureEvent(create.commandId());
        assertThat(failure.reason()).isEqualTo("no project 'mirror/never-created' on instance 'gitlab-b'");
        assertThat(failure.batchLine()).isEqualTo(create.batchLine());
        assertThat(mirror(create.mirrorId())).isNull();
        assertThat(A.pushMirrors(source.pathWithNamespace())).isEmpty();
    }

    @Test
    void aPushMirrorGitLabAlreadyHasToTheTargetIsAdoptedNotDoubled() {
        SimProject source = project(A, "upstream", "handmade");
        SimProject target = project(B, "mirror", "handmade");
        long handmade = A.createPushMirror(source, plainUrl(B, target), false);
        MirrorCommand create = line(source.pathWithNamespace(), target.pathWithNamespace());

        succeeded(send(create));

        assertThat(A.pushMirrors(source.pathWithNamespace())).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(handmade);
            assertThat(m.enabled()).as("our settings applied").isTrue();
        });
        assertThat(mirror(create.mirrorId()).mirrorId()).isEqualTo(handmade);
        assertThat(changeEvent(create.commandId()).detail()).startsWith("adopted existing GitLab push mirror");
    }

    @Test
    void aLineCommandOfThePreviousVersionNamingOnlyItsLineIsReadFromTheBatch() {
        SimProject source = project(A, "upstream", "before-upgrade");
        SimProject target = project(B, "mirror", "before-upgrade");
        ImportMirrorLine current = line(source.pathWithNamespace(), target.pathWithNamespace());
        // the previous version's record: one MirrorCommand type with an action, the line as "<batch>:<line>"
        String old = "{\"type\":\"MirrorCommand\",\"command_id\":\"" + current.commandId()
                + "\",\"correlation_id\":\"" + current.commandId() + "\",\"occurred_at\":\""
                + current.occurredAt() + "\",\"mirror_id\":" + current.mirrorId()
                + ",\"action\":\"CREATE\",\"repair\":false,\"batch_id\":\""
                + current.batchLine().itemId() + "\"}";
        ImportMirrorLine read = (ImportMirrorLine) ContractUpgrade.command(old);
        assertThat(read.line()).isNull();

        succeeded(send(read));

        MirrorRecord recorded = mirror(current.mirrorId());
        assertThat(recorded.lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        assertThat(recorded.sourceProjectPath()).isEqualTo(source.pathWithNamespace());
        assertThat(changeEvent(current.commandId()).batchLine()).isEqualTo(current.batchLine());
    }

    /**
     * A batch with one line, as api-service writes it, and the line's command carrying the line (the batch is
     * written too: a command of the previous version named the line alone, and the worker read it from there).
     */
    private ImportMirrorLine line(String sourcePath, String targetPath) {
        String batchId = UUID.randomUUID().toString();
        long mirrorId = MIRROR_IDS.incrementAndGet();
        Instant now = Instant.now();
        mongo.insert(
                new BatchRecord(batchId, "import", PUSH_PAIR, "running", 1, 0, 1, 0, 0, 0, 0, 0, null, now, now, null));
        UUID commandId = UUID.randomUUID();
        String lineId = BatchItemRecord.idOf(batchId, 1);
        mongo.insert(new BatchItemRecord(
                lineId,
                batchId,
                1,
                sourcePath,
                targetPath,
                MirrorRecord.Overrides.NONE,
                null,
                true,
                "in_progress",
                mirrorId,
                commandId.toString(),
                null,
                null));
        return new ImportMirrorLine(
                commandId,
                commandId,
                now,
                mirrorId,
                new BatchLineRef(batchId, 1),
                new ImportMirrorLine.Line(PUSH_PAIR, sourcePath, targetPath, null, MirrorRecord.Overrides.NONE, true));
    }

    /**
     * The statuses of GitLab's answers that can have resolved this project's path since {@code since}: {@code GET
     * /projects/:path} (however it was encoded) and listings of its group.
     */
    private static java.util.List<Integer> resolutions(SimulatedInstance gitlab, SimProject project, Instant since) {
        String path = "/projects/" + project.pathWithNamespace();
        String group = project.pathWithNamespace()
                .substring(0, project.pathWithNamespace().lastIndexOf('/'));
        return gitlab.requestLog().stream()
                .filter(e -> e.method().equals("GET") && !e.at().isBefore(since))
                .filter(e -> {
                    String decoded = URLDecoder.decode(e.apiPath(), StandardCharsets.UTF_8);
                    return decoded.equals(path) || decoded.equals("/groups/" + group + "/projects");
                })
                .map(e -> e.status())
                .toList();
    }
}
