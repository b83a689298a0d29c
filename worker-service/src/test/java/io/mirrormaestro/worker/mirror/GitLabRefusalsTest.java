package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.Orders.UPDATE;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.LEGACY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.NEWEST;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.STRICT;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.groupToken;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

/**
 * What GitLab refuses (issue #17) reaches the mirror and the command as GitLab's own message, at once and without
 * retries; and what GitLab drops (a disabled pull mirror's credentials) is sent again.
 */
class GitLabRefusalsTest extends MirrorIntegrationTest {

    /** A GitLab that refuses local requests (its default) refuses a push mirror to another instance on loopback. */
    @Test
    void aMirrorUrlGitLabBlocksFailsTheCreateWithGitLabsMessage() {
        SimProject source = project(STRICT, "platform", "strict-app");
        SimProject target = project(B, "mirror", "strict-app");
        MirrorRecord mirror =
                newMirror(STRICT_PUSH_PAIR, STRICT_ID, B_ID, source, target, "push", true, MirrorRecord.Overrides.NONE);

        UUID create = send(mirror.id(), CREATE);

        String expected = "400 url is blocked: Requests to localhost are not allowed";
        assertThat(failed(create).lastError()).isEqualTo(expected);
        MirrorRecord stored = mirror(mirror.id());
        assertThat(stored.lifecycle()).isEqualTo(MirrorRecord.FAILED);
        assertThat(stored.lastError()).isEqualTo(expected);
        assertThat(requests(STRICT, "POST", "/projects/" + source.id() + "/remote_mirrors"))
                .extracting(RequestLogEntry::status)
                .containsExactly(400);
        assertThat(STRICT.pushMirrors(source.pathWithNamespace())).isEmpty();
    }

    /**
     * GitLab before 17.6 reads the remote before it saves a pull mirror configured through PUT /projects/:id and answers
     * 422 when the credentials cannot read it: final, reported at once with GitLab's message.
     */
    @Test
    void legacyPullConfigurationThatCannotReadTheSourceFailsAtOnceWith422() {
        String deadToken = groupToken(A, "unreadable", "ghost", "read_repository");
        saveGroupToken(A_ID, "unreadable", "ghost", deadToken);
        A.revokeToken(deadToken);
        SimProject source = project(A, "unreadable", "lib");
        SimProject target = project(LEGACY, "mirror", "unreadable-lib");
        MirrorRecord mirror = newPullMirror(LEGACY_PULL_PAIR, LEGACY_ID, source, target, MirrorRecord.Overrides.NONE);

        UUID create = send(mirror.id(), CREATE);

        String expected = "422 Unable to access repository with the URL and credentials provided";
        assertThat(failed(create).lastError()).isEqualTo(expected);
        assertThat(mirror(mirror.id()).lastError()).isEqualTo(expected);
        assertThat(requests(LEGACY, "PUT", "/projects/" + target.id()))
                .extracting(RequestLogEntry::status)
                .containsExactly(422);
        assertThat(LEGACY.pullMirror(target.pathWithNamespace())).isEmpty();
    }

    /**
     * Disabling a pull mirror makes GitLab drop its stored credentials; enabling it again must send them again, or
     * GitLab would pull without any.
     */
    @Test
    void aPullMirrorEnabledAgainAfterADisableSendsItsCredentialsAgain() {
        SimProject source = project(A, "upstream", "toggled");
        SimProject target = project(B, "mirror", "toggled");
        MirrorRecord mirror = created(newPullMirror(PULL_PAIR, B_ID, source, target, MirrorRecord.Overrides.NONE));
        awaitPulls(target, 1);

        changeMirror(mirror.id(), new Update().set("enabled", false));
        succeeded(send(mirror.id(), UPDATE));
        changeMirror(mirror.id(), new Update().set("enabled", true));
        succeeded(send(mirror.id(), UPDATE));

        List<RequestLogEntry> puts = requests(B, "PUT", "/projects/" + target.id() + "/mirror/pull");
        assertThat(puts.get(puts.size() - 2).body()).containsEntry("enabled", "false");
        assertThat(puts.get(puts.size() - 1).body())
                .containsEntry("enabled", "true")
                .containsEntry("auth_user", "pull-bot")
                .containsEntry("auth_password", "[FILTERED]");
        awaitPulls(target, 2);
        assertThat(B.pullMirror(target.pathWithNamespace()).orElseThrow().lastError())
                .isNull();
    }

    /** The same on GitLab before 17.6, where the credentials travel inside import_url. */
    @Test
    void aLegacyPullMirrorEnabledAgainSendsItsCredentialsAgain() {
        SimProject source = project(A, "upstream", "legacy-toggled");
        SimProject target = project(LEGACY, "mirror", "legacy-toggled");
        MirrorRecord mirror =
                created(newPullMirror(LEGACY_PULL_PAIR, LEGACY_ID, source, target, MirrorRecord.Overrides.NONE));
        await().atMost(WAIT)
                .until(() ->
                        LEGACY.receivedMirrorUpdates(target.pathWithNamespace()).size() == 1);

        changeMirror(mirror.id(), new Update().set("enabled", false));
        succeeded(send(mirror.id(), UPDATE));
        changeMirror(mirror.id(), new Update().set("enabled", true));
        succeeded(send(mirror.id(), UPDATE));

        await().atMost(WAIT)
                .until(() ->
                        LEGACY.receivedMirrorUpdates(target.pathWithNamespace()).size() == 2);
        assertThat(LEGACY.pullMirror(target.pathWithNamespace()).orElseThrow().url())
                .startsWith("http://*****:*****@");
    }

    /** GitLab 18.9 allows ten enabled push mirrors per project: the eleventh fails at once with its message. */
    @Test
    void anEleventhEnabledPushMirrorFailsWithGitLabsMessage() {
        SimProject source = project(NEWEST, "platform", "crowded");
        for (int i = 0; i < 10; i++) {
            NEWEST.createPushMirror(source, "https://mirror-" + i + ".example.com/app.git", true);
        }
        SimProject target = project(B, "mirror", "crowded");
        MirrorRecord mirror =
                newMirror(NEWEST_PUSH_PAIR, NEWEST_ID, B_ID, source, target, "push", true, MirrorRecord.Overrides.NONE);

        UUID create = send(mirror.id(), CREATE);

        assertThat(failed(create).lastError())
                .isEqualTo("400 Maximum number of push mirrors (10) exceeded for this project.");
        assertThat(requests(NEWEST, "POST", "/projects/" + source.id() + "/remote_mirrors"))
                .hasSize(1);
    }

    /**
     * GitLab 18.9 refuses a second push mirror to the same URL, so a rotation cannot create the replacement beside the
     * old mirror: it deletes the old one first and creates the replacement with the same settings.
     */
    @Test
    void rotationOnGitLab189ReplacesThePushMirrorDespiteUrlUniqueness() {
        String oldToken = groupToken(B, "rotate-18", "pusher", "write_repository");
        long tokenId = saveGroupToken(B_ID, "rotate-18", "pusher", oldToken);
        SimProject source = project(NEWEST, "upstream", "svc");
        SimProject target = project(B, "rotate-18", "svc");
        MirrorRecord mirror = created(newMirror(
                NEWEST_PUSH_PAIR,
                NEWEST_ID,
                B_ID,
                source,
                target,
                "push",
                true,
                overrides(false, null, "^release/.*")));
        long oldId = mirror.mirrorId();

        String newToken = groupToken(B, "rotate-18", "pusher-2", "write_repository");
        B.revokeToken(oldToken);
        saveGroupToken(tokenId, B_ID, "rotate-18", "pusher-2", newToken);
        UUID rotateId = UUID.randomUUID();
        succeeded(send(new RotateMirrorCredentials(rotateId, rotateId, Instant.now(), mirror.id(), tokenId, null)));

        var now = NEWEST.pushMirrors(source.pathWithNamespace());
        assertThat(now).hasSize(1);
        assertThat(now.get(0).id()).isNotEqualTo(oldId);
        assertThat(mirror(mirror.id()).mirrorId()).isEqualTo(now.get(0).id());
        List<RequestLogEntry> posts = requests(NEWEST, "POST", "/projects/" + source.id() + "/remote_mirrors");
        assertThat(posts).extracting(RequestLogEntry::status).containsExactly(201, 400, 201);
        assertThat(posts.get(2).body()).containsEntry("mirror_branch_regex", "^release/.*");
        await().atMost(WAIT)
                .until(() -> B.receivedMirrorUpdates(target.pathWithNamespace()).size() >= 2);
    }

    private static void awaitPulls(SimProject target, int count) {
        await().atMost(WAIT)
                .until(() -> B.receivedMirrorUpdates(target.pathWithNamespace()).size() >= count);
    }
}
