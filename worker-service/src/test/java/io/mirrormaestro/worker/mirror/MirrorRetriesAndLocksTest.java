package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.Orders.DELETE;
import static io.mirrormaestro.worker.mirror.Orders.SYNC;
import static io.mirrormaestro.worker.mirror.Orders.UPDATE;
import static io.mirrormaestro.worker.mirror.Orders.VERIFY;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.event.CommandRetryScheduled;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.worker.command.RetryLaterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Retries through JobRunr, and the per-mirror lock that keeps two commands for one mirror from interleaving. */
class MirrorRetriesAndLocksTest extends MirrorIntegrationTest {

    @Autowired
    MirrorCommandHandler handler;

    @Autowired
    MirrorLock lock;

    @Autowired
    MirrorStore store;

    @Test
    void aGitLab5xxDuringCreateIsRetriedAndLeavesExactlyOneMirror() {
        SimProject source = project(A, "upstream", "flaky");
        SimProject target = project(B, "mirror", "flaky");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        String create = "/projects/" + source.id() + "/remote_mirrors";
        A.faults().failNext("POST", create, 1, 502);

        UUID command = send(mirror.id(), CREATE);

        assertThat(succeeded(command).attempts()).isEqualTo(2);
        assertThat(A.pushMirrors(source.pathWithNamespace())).hasSize(1);
        assertThat(requests(A, "POST", create))
                .extracting(RequestLogEntry::status)
                .containsExactly(502, 201);
        assertThat(mirror(mirror.id()).lifecycle()).isEqualTo(MirrorRecord.ACTIVE);
        changeEvent(command);
        assertThat(events(command))
                .extracting(Event::typeName)
                .containsExactly("CommandRetryScheduled", "MirrorCreated");
        assertThat(((CommandRetryScheduled) events(command).get(0)).reason()).startsWith("502");
    }

    @Test
    void aDeleteIssuedWhileTheCreateWaitsForItsRetryLeavesNoMirrorAnywhere() {
        SimProject source = project(A, "upstream", "regret");
        SimProject target = project(B, "mirror", "regret");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        A.faults().failNext("POST", "/projects/" + source.id() + "/remote_mirrors", 1, 503);
        UUID create = send(mirror.id(), CREATE);
        awaitStatus(create, CommandStatus.RETRY_SCHEDULED);

        changeMirror(mirror.id(), new Update().set("lifecycle", MirrorRecord.DELETING)); // as api-service does
        UUID delete = send(mirror.id(), DELETE);

        succeeded(delete);
        CommandRecord createDone = awaitFinal(create);
        // whichever ran first, nothing survives: a create after the delete finds the mirror gone
        assertThat(A.pushMirrors(source.pathWithNamespace())).isEmpty();
        assertThat(mirror(mirror.id())).isNull();
        if (createDone.status() == CommandStatus.FAILED) {
            assertThat(createDone.lastError()).isEqualTo("mirror " + mirror.id() + " was deleted");
        }
    }

    @Test
    void aCommandThatFindsTheMirrorLockedWaitsForItsTurn() {
        SimProject source = project(A, "upstream", "locked");
        SimProject target = project(B, "mirror", "locked");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        String syncs = "/projects/" + source.id() + "/remote_mirrors/" + mirror.mirrorId() + "/sync";
        UUID holder = UUID.randomUUID();
        // another worker is in the middle of a command for this mirror
        changeMirror(
                mirror.id(),
                new Update()
                        .set(MirrorLock.OWNER, holder.toString())
                        .set(MirrorLock.UNTIL, Date.from(Instant.now().plus(Duration.ofMinutes(10)))));

        UUID sync = send(mirror.id(), SYNC);

        CommandRecord waiting = awaitStatus(sync, CommandStatus.RETRY_SCHEDULED);
        assertThat(waiting.lastError())
                .isEqualTo("mirror " + mirror.id() + " is busy with command " + holder + "; trying again later");
        assertThat(requests(A, "POST", syncs)).hasSize(1); // the first sync after creation only

        changeMirror(mirror.id(), new Update().unset(MirrorLock.OWNER).unset(MirrorLock.UNTIL));

        assertThat(succeeded(sync).attempts()).isEqualTo(2);
        assertThat(requests(A, "POST", syncs)).hasSize(2);
        assertThat(lockFields(mirror.id())).isEmpty();
    }

    @Test
    void aLockLeftByAWorkerThatDiedExpires() {
        SimProject source = project(A, "upstream", "expired-lock");
        SimProject target = project(B, "mirror", "expired-lock");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        changeMirror(
                mirror.id(),
                new Update()
                        .set(MirrorLock.OWNER, UUID.randomUUID().toString())
                        .set(MirrorLock.UNTIL, Date.from(Instant.now().minusSeconds(1))));

        assertThat(succeeded(send(mirror.id(), SYNC)).attempts()).isEqualTo(1);
        assertThat(lockFields(mirror.id())).isEmpty();
    }

    @Test
    void twoCommandsForOneMirrorAtOnceRunOneAfterTheOther() throws Exception {
        SimProject source = project(A, "upstream", "race");
        SimProject target = project(B, "mirror", "race");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        A.faults().setLatency(Duration.ofMillis(300), Duration.ZERO); // each holds the mirror for a while
        List<String> outcomes = new ArrayList<>();
        try {
            List<Future<Event>> running = List.of(
                    workers.submit(attempt(start, UPDATE.of(mirror.id()))),
                    workers.submit(attempt(start, VERIFY.of(mirror.id()))));
            start.countDown();
            for (Future<Event> result : running) {
                try {
                    outcomes.add(result.get(30, TimeUnit.SECONDS).typeName());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(RetryLaterException.class);
                    outcomes.add("busy");
                }
            }
        } finally {
            A.faults().setLatency(Duration.ZERO, Duration.ZERO);
            workers.shutdownNow();
        }

        assertThat(outcomes).hasSize(2).containsOnlyOnce("busy");
        assertThat(outcomes).filteredOn(o -> !o.equals("busy")).singleElement().isIn("MirrorUpdated", "MirrorVerified");
        assertThat(lockFields(mirror.id())).isEmpty();
        // the one that was turned away gets its turn later (the executor would retry it)
        assertThat(handler.execute(VERIFY.of(mirror.id()), 2)).isInstanceOf(MirrorChanged.class);
    }

    @Test
    void aSyncRequestReleasesTheLockInItsOwnWriteOnlyWhileTheCommandHoldsIt() {
        SimProject source = project(A, "upstream", "released-in-write");
        SimProject target = project(B, "mirror", "released-in-write");
        MirrorRecord mirror = created(newPushMirror(source, target, true, MirrorRecord.Overrides.NONE));
        UUID command = UUID.randomUUID();

        assertThat(lock.acquire(mirror.id(), command)).isPresent();
        store.recordSyncRequested(mirror.id(), "scheduled", command, Instant.now());
        assertThat(lockFields(mirror.id())).as("released by the record itself").isEmpty();
        assertThat(mongo.findById(mirror.id(), Document.class, MirrorCollection.NAME))
                .containsEntry(MirrorStore.FOLLOW_UP, command.toString());
        lock.release(mirror.id(), command); // the handler's release: nothing left to do
        assertThat(lockFields(mirror.id())).isEmpty();

        // the lease ran out and another command took the lock: the record is written, that lock kept
        UUID late = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(lock.acquire(mirror.id(), late)).isPresent();
        changeMirror(mirror.id(), new Update().set(MirrorLock.OWNER, other.toString()));
        store.recordSyncRequested(mirror.id(), "scheduled", late, Instant.now());
        lock.release(mirror.id(), late);
        assertThat(lockFields(mirror.id())).containsEntry(MirrorLock.OWNER, other.toString());
        assertThat(mongo.findById(mirror.id(), Document.class, MirrorCollection.NAME))
                .containsEntry(MirrorStore.FOLLOW_UP, late.toString());
    }

    private Callable<Event> attempt(CountDownLatch start, MirrorCommand command) {
        return () -> {
            start.await();
            return handler.execute(command, 1);
        };
    }

    private Document lockFields(long mirrorId) {
        Query byId = new Query(where("_id").is(mirrorId));
        byId.fields().include(MirrorLock.OWNER).include(MirrorLock.UNTIL).exclude("_id");
        return mongo.findOne(byId, Document.class, MirrorCollection.NAME);
    }
}
