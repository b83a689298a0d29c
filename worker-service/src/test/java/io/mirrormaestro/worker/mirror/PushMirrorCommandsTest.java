package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.Orders.DELETE;
import static io.mirrormaestro.worker.mirror.Orders.RESUME;
import static io.mirrormaestro.worker.mirror.Orders.SYNC;
import static io.mirrormaestro.worker.mirror.Orders.UPDATE;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.LEGACY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.PUSH_TOKEN;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.TOKEN_EXPIRY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.MirrorAdopted;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.event.MirrorCreated;
import io.mirrormaestro.common.event.MirrorDeleted;
import io.mirrormaestro.common.event.MirrorResumed;
import io.mirrormaestro.common.event.MirrorSyncRequested;
import io.mirrormaestro.common.event.MirrorUpdated;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.ReceivedMirrorUpdate;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance.MirrorView;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import io.mirrormaestro.worker.gitlab.PushMirrorChanges;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

/** Push mirrors: created on the source project, pointing at the target with the target's group token. */
class PushMirrorCommandsTest extends MirrorIntegrationTest {

    @Test
    void createPutsAnEnabledPushMirrorOnTheSourceAndSyncsItOnce() {
        SimProject source = project(A, "upstream", "api");
        SimProject target = project(B, "mirror", "api");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);

        UUID create = send(mirror.id(), CREATE);

        succeeded(create);
        List<MirrorView> inGitLab = A.pushMirrors(source.pathWithNamespace());
        assertThat(inGitLab).singleElement().satisfies(m -> {
            assertThat(m.enabled()).isTrue();
            assertThat(m.url()).isEqualTo(maskedUrl(B, target));
        });
        long gitlabId = inGitLab.get(0).id();
        RequestLogEntry post = single(A, "POST", "/projects/" + source.id() + "/remote_mirrors");
        assertThat(post.status()).isEqualTo(201);
        assertThat(post.body())
                .containsEntry("url", maskedUrl(B, target))
                .containsEntry("enabled", "true")
                .containsEntry("keep_divergent_refs", "true") // the pair does not overwrite diverged branches
                .containsEntry("only_protected_branches", "false")
                .doesNotContainKeys("mirror_branch_regex", "auth_method");
        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors/" + gitlabId + "/sync"))
                .extracting(RequestLogEntry::status)
                .containsExactly(204);
        await().atMost(WAIT).untilAsserted(() -> assertThat(B.receivedMirrorUpdates(target.pathWithNamespace()))
                .extracting(ReceivedMirrorUpdate::kind)
                .containsExactly("push"));

        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        assertThat(stored.mirrorId()).isEqualTo(gitlabId);
        assertThat(stored.groupTokenId()).isEqualTo(PUSH_TOKEN_ID);
        assertThat(stored.tokenExpiresAt()).isEqualTo(TOKEN_EXPIRY);
        assertThat(stored.lastError()).isNull();
        assertThat(stored.lastUpdateStatus()).isIn("scheduled", "started");
        MirrorChanged created = changeEvent(create);
        assertThat(created).isInstanceOf(MirrorCreated.class);
        assertThat(created.commandType()).isEqualTo("CreateMirror");
        assertThat(created.mirrorId()).isEqualTo(mirror.id());
        assertThat(created.detail())
                .startsWith("created GitLab push mirror " + gitlabId + ": push mirror " + source.pathWithNamespace()
                        + " (gitlab-a) → " + target.pathWithNamespace() + " (gitlab-b)")
                .contains("with token 'push-bot' of group mirror")
                .contains("first sync requested");
    }

    @Test
    void createWorksTheSameFromAGitLab174Source() {
        SimProject source = project(LEGACY, "upstream", "old-api");
        SimProject target = project(B, "mirror", "from-old");
        MirrorRecord mirror =
                newMirror(LEGACY_PUSH_PAIR, LEGACY_ID, B_ID, source, target, "push", true, MirrorRecord.Overrides.NONE);

        succeeded(send(mirror.id(), CREATE));

        assertThat(single(LEGACY, "POST", "/projects/" + source.id() + "/remote_mirrors")
                        .body())
                .containsEntry("url", maskedUrl(B, target))
                .containsEntry("enabled", "true");
        long gitlabId = mirror(mirror.id()).mirrorId();
        assertThat(single(LEGACY, "POST", "/projects/" + source.id() + "/remote_mirrors/" + gitlabId + "/sync")
                        .status())
                .isEqualTo(204);
        await().atMost(WAIT).untilAsserted(() -> assertThat(B.receivedMirrorUpdates(target.pathWithNamespace()))
                .extracting(ReceivedMirrorUpdate::kind)
                .containsExactly("push"));
    }

    @Test
    void aSingleCreateRefusesAPushMirrorGitLabAlreadyHasUnlessAskedToAdoptIt() {
        SimProject source = project(A, "upstream", "handmade");
        SimProject target = project(B, "mirror", "handmade");
        long handmade = A.createPushMirror(source, plainUrl(B, target), false);
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);

        CommandRecord refused = failed(send(mirror.id(), CREATE));

        assertThat(refused.lastError())
                .startsWith("already mirrored in GitLab: GitLab already has push mirror " + handmade + " from "
                        + source.pathWithNamespace() + " to " + target.pathWithNamespace());
        assertThat(refused.attempts()).as("a refusal is not retried").isEqualTo(1);
        MirrorRecord failedMirror = mirror(mirror.id());
        assertThat(failedMirror.lifecycle()).isEqualTo(MirrorRecord.FAILED);
        assertThat(failedMirror.lastError()).startsWith("already mirrored in GitLab");
        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors"))
                .isEmpty();
        assertThat(A.pushMirrors(source.pathWithNamespace()))
                .extracting(MirrorView::id)
                .containsExactly(handmade);

        UUID adopt = UUID.randomUUID();
        succeeded(send(new CreateMirror(adopt, adopt, Instant.now(), mirror.id(), true, null)));

        assertThat(changeEvent(adopt)).isInstanceOf(MirrorAdopted.class);
        assertThat(A.pushMirrors(source.pathWithNamespace())).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(handmade);
            assertThat(m.enabled()).as("our settings applied").isTrue();
        });
        assertThat(mirror(mirror.id()).lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        assertThat(mirror(mirror.id()).mirrorId()).isEqualTo(handmade);
    }

    @Test
    void aPushMirrorLeftByAnInterruptedAttemptIsAdoptedNotDuplicated() {
        SimProject source = project(A, "upstream", "adopt");
        SimProject target = project(B, "mirror", "adopt");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        // the attempt before died between GitLab's 201 and the database write; GitLab's defaults differ from ours
        long leftover = A.createPushMirror(source, credentialedUrl(B, target, PUSH_TOKEN), true);

        UUID create = sendAfterCrash(CREATE.of(mirror.id()));

        assertThat(succeeded(create).attempts()).isEqualTo(2);
        assertThat(A.pushMirrors(source.pathWithNamespace()))
                .extracting(MirrorView::id)
                .containsExactly(leftover);
        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors"))
                .isEmpty();
        assertThat(single(A, "PUT", "/projects/" + source.id() + "/remote_mirrors/" + leftover)
                        .body())
                .containsEntry("keep_divergent_refs", "true")
                .doesNotContainKey("url");
        assertThat(mirror(mirror.id()).mirrorId()).isEqualTo(leftover);
        assertThat(changeEvent(create).detail()).startsWith("adopted existing GitLab push mirror " + leftover);

        // the same create delivered once more changes nothing either
        succeeded(send(mirror.id(), CREATE));
        assertThat(A.pushMirrors(source.pathWithNamespace()))
                .extracting(MirrorView::id)
                .containsExactly(leftover);
    }

    @Test
    void aDisabledMirrorIsCreatedDisabledAndNotSynced() {
        SimProject source = project(A, "upstream", "off");
        SimProject target = project(B, "mirror", "off");
        MirrorRecord mirror = newPushMirror(source, target, false, MirrorRecord.Overrides.NONE);

        UUID create = send(mirror.id(), CREATE);

        succeeded(create);
        assertThat(single(A, "POST", "/projects/" + source.id() + "/remote_mirrors")
                        .body())
                .containsEntry("enabled", "false");
        assertThat(A.pushMirrors(source.pathWithNamespace())).singleElement().satisfies(m -> assertThat(m.enabled())
                .isFalse());
        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors/\\d+/sync"))
                .isEmpty();
        assertThat(mirror(mirror.id()).lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        assertThat(changeEvent(create).detail()).doesNotContain("sync");
    }

    @Test
    void updateAppliesTheCurrentSettingsWithoutEverSendingAUrl() throws Exception {
        SimProject source = project(A, "upstream", "update");
        SimProject target = project(B, "mirror", "update");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        String path = "/projects/" + source.id() + "/remote_mirrors/" + mirror.mirrorId();

        changeMirror(
                mirror.id(),
                new Update()
                        .set("enabled", false)
                        .set("overrides.mirror_overwrite_diverged", true)
                        .set("overrides.mirror_branch_regex", "^release/.*"));
        UUID update = send(mirror.id(), UPDATE);

        succeeded(update);
        assertThat(changeEvent(update)).isInstanceOf(MirrorUpdated.class);
        PushMirror afterFirst = gitlab(A_ID).pushMirror(ProjectRef.of(source.id()), mirror.mirrorId());
        assertThat(afterFirst.enabled()).isFalse();
        assertThat(afterFirst.keepDivergentRefs()).isFalse();
        assertThat(afterFirst.mirrorBranchRegex()).isEqualTo("^release/.*");
        assertThat(afterFirst.onlyProtectedBranches()).isFalse();

        // from a regex to protected branches only: GitLab takes that in two steps, the regex removed first
        changeMirror(
                mirror.id(),
                new Update()
                        .unset("overrides.mirror_branch_regex")
                        .set("overrides.only_mirror_protected_branches", true));
        succeeded(send(mirror.id(), UPDATE));
        PushMirror afterSecond = gitlab(A_ID).pushMirror(ProjectRef.of(source.id()), mirror.mirrorId());
        assertThat(afterSecond.onlyProtectedBranches()).isTrue();
        assertThat(afterSecond.mirrorBranchRegex()).isNull();

        assertThat(requests(A, "PUT", path))
                .extracting(RequestLogEntry::body)
                .containsExactly(
                        Map.of(
                                "enabled",
                                "false",
                                "keep_divergent_refs",
                                "false",
                                "mirror_branch_regex",
                                "^release/.*"),
                        Map.of("enabled", "false", "keep_divergent_refs", "false", "mirror_branch_regex", ""),
                        Map.of("only_protected_branches", "true"));
        assertThat(requests(A, "PUT", path))
                .allSatisfy(put -> assertThat(put.query()).doesNotContainKey("url"));
        assertThat(A.pushMirrors(source.pathWithNamespace())).hasSize(1);
    }

    @Test
    void syncAsksGitLabToPushNow() {
        SimProject source = project(A, "upstream", "sync");
        SimProject target = project(B, "mirror", "sync");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));

        UUID sync = send(mirror.id(), SYNC);

        succeeded(sync);
        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors/" + mirror.mirrorId() + "/sync"))
                .extracting(RequestLogEntry::status)
                .containsExactly(204, 204); // the first sync after creation, then this one
        assertThat(mirror(mirror.id()).lastUpdateStatus()).isIn("scheduled", "started");
        MirrorChanged requested = changeEvent(sync);
        assertThat(requested).isInstanceOf(MirrorSyncRequested.class);
        assertThat(requested.commandType()).isEqualTo("SyncMirror");
    }

    @Test
    void resumeEnablesAPushMirrorGitLabDisabledAndSyncsIt() throws Exception {
        SimProject source = project(A, "upstream", "resume");
        SimProject target = project(B, "mirror", "resume");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        String path = "/projects/" + source.id() + "/remote_mirrors/" + mirror.mirrorId();
        gitlab(A_ID)
                .updatePushMirror(
                        ProjectRef.of(source.id()),
                        mirror.mirrorId(),
                        PushMirrorChanges.none().withEnabled(false));
        int syncsBefore = requests(A, "POST", path + "/sync").size();

        UUID resume = send(mirror.id(), RESUME);

        succeeded(resume);
        assertThat(A.pushMirrors(source.pathWithNamespace())).singleElement().satisfies(m -> assertThat(m.enabled())
                .isTrue());
        assertThat(requests(A, "POST", path + "/sync")).hasSize(syncsBefore + 1);
        assertThat(changeEvent(resume)).isInstanceOf(MirrorResumed.class);
    }

    @Test
    void syncOfADisabledMirrorIsRejectedWithoutBotheringGitLab() {
        SimProject source = project(A, "upstream", "sync-off");
        SimProject target = project(B, "mirror", "sync-off");
        MirrorRecord mirror = created(newPushMirror(source, target, false, MirrorRecord.Overrides.NONE));

        UUID sync = send(mirror.id(), SYNC);

        assertThat(failed(sync).lastError())
                .isEqualTo("mirror " + mirror.id() + " is disabled; enable it before asking for a sync");
        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors/\\d+/sync"))
                .isEmpty();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(events(sync)).singleElement().isInstanceOf(CommandFailed.class));
    }

    @Test
    void deleteRemovesTheMirrorAndLeftoversToTheTargetButNothingElse() {
        SimProject source = project(A, "upstream", "delete");
        SimProject target = project(B, "mirror", "delete");
        SimProject elsewhere = project(B, "mirror", "elsewhere");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        A.createPushMirror(source, credentialedUrl(B, target, PUSH_TOKEN), false);
        long unrelated = A.createPushMirror(source, credentialedUrl(B, elsewhere, PUSH_TOKEN), true);

        changeMirror(mirror.id(), new Update().set("lifecycle", MirrorRecord.DELETING)); // as api-service does
        UUID delete = send(mirror.id(), DELETE);

        succeeded(delete);
        assertThat(A.pushMirrors(source.pathWithNamespace()))
                .extracting(MirrorView::id)
                .containsExactly(unrelated);
        assertThat(mirror(mirror.id())).isNull();
        MirrorChanged deleted = changeEvent(delete);
        assertThat(deleted).isInstanceOf(MirrorDeleted.class);
        assertThat(deleted.detail())
                .contains("GitLab push mirror " + mirror.mirrorId() + " removed")
                .contains("1 more push mirror(s) to the target removed");
    }

    @Test
    void deletingAMirrorGitLabNoLongerHasSucceeds() throws Exception {
        SimProject source = project(A, "upstream", "gone");
        SimProject target = project(B, "mirror", "gone");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        gitlab(A_ID).deletePushMirror(ProjectRef.of(source.id()), mirror.mirrorId());

        changeMirror(mirror.id(), new Update().set("lifecycle", MirrorRecord.DELETING));
        UUID delete = send(mirror.id(), DELETE);

        succeeded(delete);
        assertThat(changeEvent(delete).detail()).contains("was already gone");
        assertThat(mirror(mirror.id())).isNull();
        assertThat(A.pushMirrors(source.pathWithNamespace())).isEmpty();
    }

    @Test
    void commandsForAMirrorThatNoLongerExists() {
        long missing = 987_654_321L;

        UUID delete = send(missing, DELETE);
        UUID create = send(missing, CREATE);
        UUID sync = send(missing, SYNC);

        succeeded(delete);
        assertThat(changeEvent(delete).detail()).isEqualTo("mirror " + missing + " was already deleted");
        assertThat(failed(create).lastError()).isEqualTo("mirror " + missing + " was deleted");
        assertThat(failed(sync).lastError()).isEqualTo("mirror " + missing + " no longer exists");
    }

    @Test
    void aMirrorWithoutAGroupTokenFailsSayingWhereItLookedAndIsMarkedFailed() {
        SimProject source = project(A, "upstream", "no-token");
        SimProject target = project(B, "tokenless/deep", "app");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);

        UUID create = send(mirror.id(), CREATE);

        String expected = "no group access token on instance 'gitlab-b' for " + target.pathWithNamespace()
                + " (tried groups: tokenless/deep, tokenless); add one in the group settings, the mirror cannot"
                + " authenticate without it";
        assertThat(failed(create).lastError()).isEqualTo(expected);
        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.lifecycle()).isEqualTo(MirrorRecord.FAILED);
        assertThat(stored.lastError()).isEqualTo(expected);
        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors"))
                .isEmpty();
    }
}
