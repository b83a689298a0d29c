package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.Orders.SYNC;
import static io.mirrormaestro.worker.mirror.Orders.VERIFY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.LEGACY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.PULL_TOKEN;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.PUSH_TOKEN;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.query.Query;

/** The tokens inside mirror URLs never show up where people or other systems can read them. */
@ExtendWith(OutputCaptureExtension.class)
class MirrorSecretsTest extends MirrorIntegrationTest {

    @Test
    void noTokenAppearsInLogsEventsStoredStateOrWhatGitLabRecorded(CapturedOutput output) {
        SimProject source = project(A, "upstream", "secret");
        MirrorRecord push = newPushMirror(source, project(B, "mirror", "secret"), true, MirrorRecord.Overrides.NONE);
        MirrorRecord pull = newPullMirror(PULL_PAIR, B_ID, source, project(B, "mirror", "secret-pull"), null);
        MirrorRecord legacy = newPullMirror(LEGACY_PULL_PAIR, LEGACY_ID, source, project(LEGACY, "mirror", "s"), null);
        MirrorRecord failing = newPushMirror(source, project(B, "mirror", "secret-fail"), true, null);
        A.faults().failNext("POST", "/projects/" + source.id() + "/remote_mirrors", 1, 500);

        List<UUID> commands = new ArrayList<>();
        commands.add(send(failing.id(), CREATE)); // retried after GitLab's 500, with the URL in hand
        for (MirrorRecord mirror : List.of(push, pull, legacy)) {
            commands.add(send(mirror.id(), CREATE));
        }
        commands.forEach(this::succeeded);
        for (MirrorRecord mirror : List.of(push, pull, legacy)) {
            succeeded(send(mirror.id(), SYNC));
            succeeded(send(mirror.id(), VERIFY));
        }

        List<String> readable = new ArrayList<>();
        readable.add(output.getAll());
        List.of(A, B, LEGACY).forEach(gitlab -> readable.add(gitlab.requestLog().toString()));
        for (MirrorRecord mirror : List.of(push, pull, legacy, failing)) {
            readable.add(String.valueOf(
                    mongo.findOne(new Query(where("_id").is(mirror.id())), Document.class, MirrorCollection.NAME)));
        }
        commands.forEach(id -> {
            readable.add(String.valueOf(mongo.findById(id, CommandRecord.class)));
            readable.add(changeEvent(id).toString());
            readable.add(events(id).toString());
        });
        assertThat(readable).allSatisfy(text -> assertThat(text)
                .doesNotContain(PUSH_TOKEN)
                .doesNotContain(PULL_TOKEN)
                .doesNotContain(SimulatedEstate.A_ADMIN)
                .doesNotContain(SimulatedEstate.B_ADMIN));
    }
}
