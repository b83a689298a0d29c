package io.mirrormaestro.worker.mirror;

import static io.mirrormaestro.worker.mirror.Orders.CREATE;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.A;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.B;
import static io.mirrormaestro.worker.mirror.SimulatedEstate.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.worker.command.LeaseKeeper;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

/** What a worker holds while it works (the command's lease, the mirror's lock) is extended until it is done. */
class LeaseRenewalTest extends MirrorIntegrationTest {

    @Autowired
    LeaseKeeper leases;

    @Test
    void aSlowCreateKeepsItsLeaseAndItsLockUntilItEnds() {
        SimProject source = project(A, "upstream", "slow");
        SimProject target = project(B, "mirror", "slow");
        MirrorRecord mirror = newPushMirror(source, target, true, MirrorRecord.Overrides.NONE);
        A.faults().setLatency(Duration.ofMillis(1500), Duration.ZERO);
        try {
            UUID create = send(mirror.id(), CREATE);
            CommandRecord running = awaitStatus(create, CommandStatus.RUNNING);
            Instant leased = running.leaseUntil();
            Date locked = lockUntil(mirror.id());
            assertThat(locked).as("the create holds the mirror's lock").isNotNull();

            clock.setTo(Instant.now().plus(Duration.ofMinutes(1)));
            leases.renewAll();

            assertThat(mongo.findById(create, CommandRecord.class).leaseUntil())
                    .isAfter(leased.plus(Duration.ofSeconds(50)));
            assertThat(lockUntil(mirror.id()))
                    .isAfter(Date.from(locked.toInstant().plus(Duration.ofSeconds(50))));

            clock.reset();
            succeeded(create);
        } finally {
            A.faults().reset();
        }
        assertThat(lockUntil(mirror.id()))
                .as("released at the end, and no longer renewed")
                .isNull();
        leases.renewAll();
        assertThat(lockUntil(mirror.id())).isNull();
    }

    private Date lockUntil(long mirrorId) {
        Document raw = mongo.findOne(Query.query(where("_id").is(mirrorId)), Document.class, MirrorCollection.NAME);
        return raw == null ? null : raw.getDate(MirrorLock.UNTIL);
    }
}
