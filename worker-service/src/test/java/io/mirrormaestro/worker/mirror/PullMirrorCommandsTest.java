package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.Orders.DELETE;
import static io.mirrormaestro.worker.mirror.Orders.RESUME;
import static io.mirrormaestro.worker.mirror.Orders.SYNC;
import static io.mirrormaestro.worker.mirror.Orders.UPDATE;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.LEGACY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.PULL_TOKEN;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.groupToken;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.event.MirrorResumed;
import io.mirrormaestro.common.event.MirrorSyncRequested;
import io.mirrormaestro.common.event.MirrorUpdated;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.ReceivedMirrorUpdate;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import io.mirrormaestro.worker.gitlab.PullMirrorSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Pull mirrors: configured on the target project, pulling from the source with the source's group token. GitLab
 * 17.6+ takes them through {@code /mirror/pull}, older GitLab through the project's own attributes.
 */
class PullMirrorCommandsTest extends MirrorIntegrationTest {

    @Test
    void createOnGitLab176AndLaterConfiguresMirrorPullWithTheCredentialsApart() {
        SimProject source = project(A, "upstream", "lib");
        SimProject target = project(B, "mirror", "lib");
        MirrorRecord mirror = newPullMirror(
                PULL_PAIR, B_ID, source, target, new MirrorRecord.Overrides(null, true, true, null, null, null));

        UUID create = send(mirror.id(), CREATE);

        succeeded(create);
        assertThat(single(B, "PUT", "/projects/" + target.id() + "/mirror/pull").body())
                .isEqualTo(Map.of(
                        "enabled", "true",
                        "url", plainUrl(A, source),
                        "auth_user", "pull-bot",
                        "auth_password", "[FILTERED]",
                        "mirror_trigger_builds", "true",
                        "mirror_overwrites_diverged_branches", "true",
                        "only_mirror_protected_branches", "false"));
        assertThat(requests(B, "PUT", "/projects/" + target.id())).isEmpty();
        assertThat(requests(B, "POST", "/projects/" + target.id() + "/mirror/pull"))
                .extracting(RequestLogEntry::status)
                .containsExactly(200);
        awaitPulled(B, target);

        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        assertThat(stored.mirrorId()).isNull();
        assertThat(stored.groupTokenId()).isEqualTo(PULL_TOKEN_ID);
        assertThat(changeEvent(create).detail())
                .startsWith("configured pull mirror " + target.pathWithNamespace() + " (gitlab-b) ← "
                        + source.pathWithNamespace() + " (gitlab-a) with token 'pull-bot' of group upstream")
                .contains("first sync requested");
    }

    @Test
    void createOnGitLabBefore176SetsTheProjectsImportUrlWithTheCredentialsInside() {
        SimProject source = project(A, "upstream", "old");
        SimProject target = project(LEGACY, "mirror", "old");
        MirrorRecord mirror = newPullMirror(LEGACY_PULL_PAIR, LEGACY_ID, source, target, MirrorRecord.Overrides.NONE);

        succeeded(send(mirror.id(), CREATE));

        assertThat(single(LEGACY, "PUT", "/projects/" + target.id()).body())
                .isEqualTo(Map.of(
                        "mirror", "true",
                        "import_url", maskedUrl(A, source),
                        "mirror_trigger_builds", "false",
                        "mirror_overwrites_diverged_branches", "false",
                        "only_mirror_protected_branches", "false"));
        assertThat(requests(LEGACY, "PUT", "/projects/\\d+/mirror/pull")).isEmpty();
        assertThat(requests(LEGACY, "POST", "/projects/" + target.id() + "/mirror/pull"))
                .extracting(RequestLogEntry::status)
                .containsExactly(200);
        awaitPulled(LEGACY, target);
        assertThat(mirror(mirror.id()).lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
    }

    @Test
    void updateSwitchesPullMirroringOffAndOnAgain() {
        SimProject source = project(A, "upstream", "toggle");
        SimProject target = project(B, "mirror", "toggle");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));
        String path = "/projects/" + target.id() + "/mirror/pull";

        changeMirror(mirror.id(), new Update().set("enabled", false));
        succeeded(send(mirror.id(), UPDATE));
        assertThat(last(requests(B, "PUT", path)).body()).isEqualTo(Map.of("enabled", "false"));
        assertThat(B.pullMirror(target.pathWithNamespace()))
                .hasValueSatisfying(p -> assertThat(p.enabled()).isFalse());

        changeMirror(mirror.id(), new Update().set("enabled", true));
        UUID enable = send(mirror.id(), UPDATE);
        succeeded(enable);
        assertThat(last(requests(B, "PUT", path)).body())
                .containsEntry("enabled", "true")
                .containsEntry("auth_user", "pull-bot");
        assertThat(B.pullMirror(target.pathWithNamespace()))
                .hasValueSatisfying(p -> assertThat(p.enabled()).isTrue());
        assertThat(changeEvent(enable)).isInstanceOf(MirrorUpdated.class);
    }

    @Test
    void syncTriggersAPull() {
        SimProject source = project(A, "upstream", "pull-now");
        SimProject target = project(B, "mirror", "pull-now");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));

        UUID sync = send(mirror.id(), SYNC);

        succeeded(sync);
        assertThat(requests(B, "POST", "/projects/" + target.id() + "/mirror/pull"))
                .extracting(RequestLogEntry::status)
                .containsExactly(200, 200);
        assertThat(changeEvent(sync)).isInstanceOf(MirrorSyncRequested.class);
    }

    @Test
    void aPullMirrorOnPauseAfterFailingTooOftenFailsTheSyncWithGitLabsMessage() throws Exception {
        // its own group, whose token is dead from the start: every pull fails
        String deadToken = groupToken(A, "paused", "sleeper", "read_repository");
        saveGroupToken(A_ID, "paused", "sleeper", deadToken);
        A.revokeToken(deadToken);
        SimProject source = project(A, "paused", "lib");
        SimProject target = project(B, "mirror", "paused-lib");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));
        ProjectRef project = ProjectRef.of(target.id());
        // GitLab pauses a pull mirror after 14 failures in a row
        for (int attempt = 0; attempt < 20; attempt++) {
            await().atMost(WAIT).until(() -> B.pullMirror(target.pathWithNamespace())
                    .orElseThrow()
                    .updateStatus()
                    .equals("failed"));
            try {
                gitlab(B_ID).triggerPullMirror(project);
            } catch (org.gitlab4j.api.GitLabApiException paused) {
                break;
            }
        }

        UUID sync = send(mirror.id(), SYNC);

        assertThat(failed(sync).lastError()).isEqualTo("403 Mirroring for the project is on pause");
        assertThat(last(requests(B, "POST", "/projects/" + target.id() + "/mirror/pull"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void resumeConfiguresAPausedPullMirrorAgainSoGitLabPullsOnceMore() throws Exception {
        String deadToken = groupToken(A, "resume", "sleeper", "read_repository");
        long tokenId = saveGroupToken(A_ID, "resume", "sleeper", deadToken);
        A.revokeToken(deadToken);
        SimProject source = project(A, "resume", "lib");
        SimProject target = project(B, "mirror", "resumed-lib");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));
        ProjectRef project = ProjectRef.of(target.id());
        for (int attempt = 0; attempt < 20; attempt++) {
            await().atMost(WAIT).until(() -> B.pullMirror(target.pathWithNamespace())
                    .orElseThrow()
                    .updateStatus()
                    .equals("failed"));
            try {
                gitlab(B_ID).triggerPullMirror(project);
            } catch (org.gitlab4j.api.GitLabApiException paused) {
                break;
            }
        }
        failed(send(mirror.id(), SYNC));
        assertThat(mirror(mirror.id()).paused()).isTrue();
        // the cause is fixed: the group has a working token again
        saveGroupToken(tokenId, A_ID, "resume", "sleeper-2", groupToken(A, "resume", "sleeper-2", "read_repository"));

        UUID resume = send(mirror.id(), RESUME);

        succeeded(resume);
        assertThat(changeEvent(resume)).isInstanceOf(MirrorResumed.class);
        assertThat(changeEvent(resume).commandType()).isEqualTo("ResumeMirror");
        assertThat(last(requests(B, "PUT", "/projects/" + target.id() + "/mirror/pull"))
                        .body())
                .containsEntry("enabled", "true")
                .containsEntry("auth_user", "sleeper-2");
        awaitPulled(B, target);
        assertThat(mirror(mirror.id()).paused()).isNotEqualTo(Boolean.TRUE);
        gitlab(B_ID).triggerPullMirror(project); // answers 200: no longer on pause
    }

    @Test
    void deleteSwitchesPullMirroringOffButLeavesAPullFromElsewhereAlone() throws Exception {
        SimProject source = project(A, "upstream", "drop");
        SimProject target = project(B, "mirror", "drop");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));
        changeMirror(mirror.id(), new Update().set("lifecycle", MirrorRecord.DELETING));

        succeeded(send(mirror.id(), DELETE));

        assertThat(last(requests(B, "PUT", "/projects/" + target.id() + "/mirror/pull"))
                        .body())
                .isEqualTo(Map.of("enabled", "false"));
        assertThat(B.pullMirror(target.pathWithNamespace()))
                .hasValueSatisfying(p -> assertThat(p.enabled()).isFalse());
        assertThat(mirror(mirror.id())).isNull();

        // someone pointed the other project's pull mirror elsewhere by hand: deleting ours must not break theirs
        SimProject other = project(B, "mirror", "repointed");
        MirrorRecord repointed = created(newPullMirror(PULL_PAIR, B_ID, source, other, MirrorRecord.Overrides.NONE));
        SimProject elsewhere = project(A, "upstream", "elsewhere");
        gitlab(B_ID)
                .configurePullMirror(
                        ProjectRef.of(other.id()),
                        PullMirrorSettings.of(plainUrl(A, elsewhere), "pull-bot", PULL_TOKEN));
        changeMirror(repointed.id(), new Update().set("lifecycle", MirrorRecord.DELETING));
        UUID delete = send(repointed.id(), DELETE);

        succeeded(delete);
        assertThat(changeEvent(delete).detail()).contains("pulls from another repository by now, left as it is");
        assertThat(B.pullMirror(other.pathWithNamespace()))
                .hasValueSatisfying(p -> assertThat(p.enabled()).isTrue());
    }

    @Test
    void rotationGivesThePullMirrorItsNewTokenInPlace() {
        // a group of its own, so that revoking its token touches no other test
        String oldToken = groupToken(A, "rotate-pull", "rotor", "read_repository");
        long tokenId = saveGroupToken(A_ID, "rotate-pull", "rotor", oldToken);
        SimProject source = project(A, "rotate-pull", "lib");
        SimProject target = project(B, "mirror", "rotated-lib");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));
        assertThat(mirror.groupTokenId()).isEqualTo(tokenId);
        awaitPulled(B, target);

        // GitLab rotated the group token (the old value stops working at once) and api-service stored the new one
        String newToken = groupToken(A, "rotate-pull", "rotor-2", "read_repository");
        A.revokeToken(oldToken);
        saveGroupToken(tokenId, A_ID, "rotate-pull", "rotor-2", newToken);
        int pulledBefore = B.receivedMirrorUpdates(target.pathWithNamespace()).size();
        UUID rotate = send(new RotateMirrorCredentials(
                UUID.randomUUID(), UUID.randomUUID(), Instant.now(), mirror.id(), tokenId, null));

        succeeded(rotate);
        assertThat(last(requests(B, "PUT", "/projects/" + target.id() + "/mirror/pull"))
                        .body())
                .containsEntry("url", plainUrl(A, source))
                .containsEntry("auth_user", "rotor-2")
                .containsEntry("auth_password", "[FILTERED]");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(B.receivedMirrorUpdates(target.pathWithNamespace())).hasSizeGreaterThan(pulledBefore);
            assertThat(B.pullMirror(target.pathWithNamespace())).hasValueSatisfying(p -> {
                assertThat(p.updateStatus()).isEqualTo("finished");
                assertThat(p.lastError()).isNull();
            });
        });
        assertThat(mirror(mirror.id()).groupTokenId()).isEqualTo(tokenId);
        assertThat(changeEvent(rotate).detail())
                .contains("now authenticates with token 'rotor-2' of group rotate-pull");
    }

    private static void awaitPulled(SimulatedInstance gitlab, SimProject target) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(gitlab.receivedMirrorUpdates(target.pathWithNamespace()))
                    .extracting(ReceivedMirrorUpdate::kind)
                    .contains("pull");
            assertThat(gitlab.pullMirror(target.pathWithNamespace())).hasValueSatisfying(p -> {
                assertThat(p.updateStatus()).isEqualTo("finished");
                assertThat(p.lastError()).isNull();
            });
        });
    }

    private static RequestLogEntry last(List<RequestLogEntry> entries) {
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }
}
