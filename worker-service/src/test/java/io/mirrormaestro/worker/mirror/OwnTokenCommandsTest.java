package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.TOKEN_EXPIRY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance.MirrorView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A mirror with a token of its own (a project access token moved over from the original tool): the worker embeds it
 * instead of the group token, until a rotation naming a group token moves the mirror to group tokens.
 */
class OwnTokenCommandsTest extends MirrorIntegrationTest {

    @Test
    void aMirrorWithItsOwnTokenIsCreatedWithItAndMovedToTheGroupTokenByARotation() {
        SimProject source = project(A, "upstream", "own-token");
        SimProject target = project(B, "mirror", "own-token");
        LocalDate expiry = LocalDate.now().plusDays(200);
        String own = B.createProjectAccessToken(
                target, "mirror-maestro-own", Set.of("read_repository", "write_repository"), 40, expiry);
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        mongo.save(new MirrorTokenRecord(
                mirror.id(),
                B_ID,
                "mirror-maestro-own",
                cipher.encrypt(own),
                expiry,
                null,
                target.id(),
                "original",
                Instant.now()));

        UUID create = send(mirror.id(), CREATE);

        succeeded(create);
        assertThat(changeEvent(create).detail()).contains("its own project access token 'mirror-maestro-own'");
        MirrorRecord created = mirror(mirror.id());
        assertThat(created.groupTokenId()).isNull();
        assertThat(created.tokenExpiresAt()).isEqualTo(expiry);
        await().atMost(WAIT).until(() -> !B.receivedMirrorUpdates(target.pathWithNamespace())
                .isEmpty());
        long first = created.mirrorId();

        // moved to the group token: a new GitLab mirror with the group token, the old one deleted, its own forgotten
        UUID rotate = UUID.randomUUID();
        succeeded(send(new RotateMirrorCredentials(rotate, rotate, Instant.now(), mirror.id(), PUSH_TOKEN_ID, null)));

        MirrorRecord moved = mirror(mirror.id());
        assertThat(moved.groupTokenId()).isEqualTo(PUSH_TOKEN_ID);
        assertThat(moved.tokenExpiresAt()).isEqualTo(TOKEN_EXPIRY);
        assertThat(moved.mirrorId()).isNotEqualTo(first);
        List<MirrorView> inGitLab = A.pushMirrors(source.pathWithNamespace());
        assertThat(inGitLab).extracting(MirrorView::id).containsExactly(moved.mirrorId());
        assertThat(mongo.findById(mirror.id(), MirrorTokenRecord.class)).isNull();
        assertThat(changeEvent(rotate).detail()).contains("token 'push-bot' of group mirror");
    }
}
