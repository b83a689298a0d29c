package io.mirrormaestro.worker.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mirrormaestro.common.command.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The worker's meters of command execution (names in README.md, "Metrics"). Latency is measured from the moment
 * api-service accepted the command ({@link Command#occurredAt()}), so the wait in Kafka and in retries shows.
 */
final class CommandMetrics {

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry, Collection<?> running) {
        this.registry = registry;
        Gauge.builder("mm.worker.commands.running", running, Collection::size)
                .description("Commands this worker is running right now")
                .register(registry);
    }

    static CommandMetrics none() {
        return new CommandMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.util.List.of());
    }

    /** An attempt started: the first one's distance from acceptance is the time the command waited for a worker. */
    void started(Command command, int attempt, Instant now) {
        if (attempt == 1) {
            Timer.builder("mm.command.wait")
                    .description("From api-service accepting a command to a worker starting its first attempt")
                    .tag("type", command.typeName())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(since(command, now));
        }
    }

    /** {@code outcome}: {@code succeeded}, {@code failed} (both final) or {@code retry_scheduled}. */
    void attempted(Command command, String outcome, Instant now) {
        Counter.builder("mm.commands")
                .description("Command attempts by type and outcome (succeeded and failed are final)")
                .tag("type", command.typeName())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        if ("retry_scheduled".equals(outcome)) {
            Counter.builder("mm.command.retries.scheduled")
                    .description("Retries scheduled as JobRunr jobs after a retryable GitLab failure")
                    .tag("type", command.typeName())
                    .register(registry)
                    .increment();
            return;
        }
        Timer.builder("mm.command.duration")
                .description("From api-service accepting a command to its final outcome, retries included")
                .tag("type", command.typeName())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(since(command, now));
        if (command.batchLine() != null) {
            Counter.builder("mm.batch.lines")
                    .description(
                            "Batch lines (imports, batch actions) this worker finished; rate() is lines per second")
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment();
        }
    }

    private static Duration since(Command command, Instant now) {
        Duration d = command.occurredAt() == null ? Duration.ZERO : Duration.between(command.occurredAt(), now);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
