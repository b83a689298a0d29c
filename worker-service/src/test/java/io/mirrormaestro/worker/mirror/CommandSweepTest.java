package io.mirrormaestro.worker.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Commands nobody would resume otherwise are picked up by the recurring sweep: one left running by a worker that died
 * (its lease long over, no redelivery coming) and one whose retry job was lost (its time long past).
 */
@TestPropertySource(properties = "mm.worker.sweep-every=PT5S")
class CommandSweepTest extends MirrorIntegrationTest {

    /**
     * The worker contexts of other test classes registered the sweep's recurring job with the default minute, and
     * their JobRunr servers keep running: the occurrence they scheduled on the minute may run before this context's
     * 5 s take over.
     */
    private static final Duration SWEEP_TAKEN_OVER = Duration.ofMinutes(2);

    @Test
    void abandonedAndOverdueCommandsAreTakenOverAndEnd() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        UUID abandoned = command(CommandStatus.RUNNING, longAgo, null);
        UUID overdue = command(CommandStatus.RETRY_SCHEDULED, null, longAgo);

        for (UUID id : new UUID[] {abandoned, overdue}) {
            CommandRecord ended = await().atMost(SWEEP_TAKEN_OVER)
                    .until(() -> mongo.findById(id, CommandRecord.class), c -> c.status()
                            .isFinal());
            assertThat(ended.status()).isEqualTo(CommandStatus.FAILED);
            assertThat(ended.lastError()).contains("no longer exists");
            assertThat(ended.attempts()).isEqualTo(2);
        }
    }

    /** A check of an instance that does not exist: whoever takes it over fails it at once, saying why. */
    private UUID command(CommandStatus status, Instant leaseUntil, Instant nextAttemptAt) {
        UUID id = UUID.randomUUID();
        CheckInstance check = new CheckInstance(id, id, Instant.now(), 987_654_321L);
        Instant at = Instant.now().minus(Duration.ofMinutes(11));
        mongo.insert(new CommandRecord(
                id,
                check.typeName(),
                check.subjectId(),
                Json.mapper().writeValueAsString(check),
                status,
                1,
                true,
                at,
                at,
                leaseUntil,
                nextAttemptAt,
                null,
                null,
                "12345@gone"));
        return id;
    }
}
