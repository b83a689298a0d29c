package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.PUSH_TOKEN;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.groupToken;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.event.MirrorCredentialsRotated;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance.MirrorView;
import io.mirrormaestro.worker.gitlab.NewPushMirror;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A push mirror's URL cannot change in GitLab: rotation creates a replacement with the new token and the very same
 * settings, confirms it, and only then deletes the old mirror.
 */
class RotatePushCredentialsTest extends MirrorIntegrationTest {

    @Test
    void theMirrorIsReplacedByOneWithTheNewTokenAndExactlyTheSameSettings() throws Exception {
        // a group of its own, so that revoking its token touches no other test
        String oldToken = groupToken(B, "rotate-push", "pusher", "write_repository");
        long tokenId = saveGroupToken(B_ID, "rotate-push", "pusher", oldToken);
        SimProject source = project(A, "upstream", "svc");
        SimProject target = project(B, "rotate-push", "svc");
        MirrorRecord mirror = created(newPushMirror(source, target, true, overrides(false, null, "^release/.*")));
        ProjectRef project = ProjectRef.of(source.id());
        PushMirror before = gitlab(A_ID).pushMirror(project, mirror.mirrorId());
        await().atMost(WAIT)
                .until(() -> B.receivedMirrorUpdates(target.pathWithNamespace()).size() == 1);

        // GitLab rotated the group token (the old value stops working at once) and api-service stored the new one
        String newToken = groupToken(B, "rotate-push", "pusher-2", "write_repository");
        B.revokeToken(oldToken);
        saveGroupToken(tokenId, B_ID, "rotate-push", "pusher-2", newToken);
        UUID rotate = send(rotation(mirror.id(), tokenId));

        succeeded(rotate);
        List<MirrorView> now = A.pushMirrors(source.pathWithNamespace());
        assertThat(now).hasSize(1);
        long newId = now.get(0).id();
        assertThat(newId).isNotEqualTo(before.id());
        PushMirror after = gitlab(A_ID).pushMirror(project, newId);
        assertThat(after)
                .usingRecursiveComparison()
                .comparingOnlyFields(
                        "enabled",
                        "url",
                        "onlyProtectedBranches",
                        "keepDivergentRefs",
                        "mirrorBranchRegex",
                        "authMethod")
                .isEqualTo(before);
        List<RequestLogEntry> posts = requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).body())
                .containsEntry("enabled", "true")
                .containsEntry("keep_divergent_refs", "true")
                .containsEntry("mirror_branch_regex", "^release/.*")
                .doesNotContainKey("only_protected_branches");
        assertThat(requests(A, "DELETE", "/projects/" + source.id() + "/remote_mirrors/" + before.id()))
                .extracting(RequestLogEntry::status)
                .containsExactly(204);
        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.mirrorId()).isEqualTo(newId);
        assertThat(stored.groupTokenId()).isEqualTo(tokenId);
        assertThat(stored.lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        assertThat(changeEvent(rotate)).isInstanceOf(MirrorCredentialsRotated.class);
        assertThat(changeEvent(rotate).detail())
                .contains("GitLab push mirror " + before.id() + " replaced by " + newId)
                .contains("token 'pusher-2' of group rotate-push");
        // the replacement works with the new token
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(B.receivedMirrorUpdates(target.pathWithNamespace())).hasSize(2);
            assertThat(A.pushMirrors(source.pathWithNamespace()))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.updateStatus()).isEqualTo("finished");
                        assertThat(m.lastError()).isNull();
                    });
        });
    }

    @Test
    void aRotationInterruptedAfterCreatingTheReplacementIsFinishedNotRepeated() throws Exception {
        SimProject source = project(A, "upstream", "half-rotated");
        SimProject target = project(B, "mirror", "half-rotated");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        // the attempt before created the replacement (same target, same settings), then died
        long replacement = gitlab(A_ID)
                .createPushMirror(
                        ProjectRef.of(source.id()),
                        NewPushMirror.of(credentialedUrl(B, target, PUSH_TOKEN)).withKeepDivergentRefs(true))
                .id();
        int postsBefore = requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors")
                .size();

        succeeded(send(rotation(mirror.id(), PUSH_TOKEN_ID)));

        assertThat(requests(A, "POST", "/projects/" + source.id() + "/remote_mirrors"))
                .hasSize(postsBefore);
        assertThat(A.pushMirrors(source.pathWithNamespace()))
                .extracting(MirrorView::id)
                .containsExactly(replacement);
        assertThat(mirror(mirror.id()).mirrorId()).isEqualTo(replacement);
    }

    @Test
    void whenNoReplacementCanBeCreatedTheOldMirrorStays() {
        SimProject source = project(A, "upstream", "keep-old");
        SimProject target = project(B, "mirror", "keep-old");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        A.faults().failNext("POST", "/projects/" + source.id() + "/remote_mirrors", 1, 400);

        UUID rotate = send(rotation(mirror.id(), PUSH_TOKEN_ID));

        assertThat(failed(rotate).lastError()).startsWith("400");
        assertThat(A.pushMirrors(source.pathWithNamespace()))
                .extracting(MirrorView::id)
                .containsExactly(mirror.mirrorId());
        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.mirrorId()).isEqualTo(mirror.mirrorId());
        assertThat(stored.lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
    }

    private static MirrorCommand rotation(long mirrorId, long tokenId) {
        UUID id = UUID.randomUUID();
        return new RotateMirrorCredentials(id, id, Instant.now(), mirrorId, tokenId, null);
    }
}
