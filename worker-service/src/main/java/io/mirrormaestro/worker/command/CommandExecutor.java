package io.mirrormaestro.worker.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.CommandRetryScheduled;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.worker.WorkerSettings;
import io.mirrormaestro.worker.gitlab.GitLabFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs attempts of commands: claims the command, calls its handler, and records the outcome as an event and a
 * state change. Retryable failures become JobRunr jobs with exponential backoff; anything else fails at once.
 *
 * <p>An attempt that MongoDB or Kafka fails under ({@link Outages}) is abandoned unrecorded, as a crash would leave
 * it, and taken over once its lease ends.
 *
 * <p>Order of the steps after an attempt: schedule the next attempt (if any), publish the event, update the record.
 * A crash between any two leaves either a job that will find the command or a lease that another worker takes over;
 * event ids are deterministic, so a repeated publish is dropped by consumers.
 */
@Component
public class CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    private final CommandStore store;
    private final EventPublisher events;
    private final JobRequestScheduler jobs;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Map<Class<?>, CommandHandler<?>> handlers;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final CommandMetrics metrics;

    CommandExecutor(
            CommandStore store,
            EventPublisher events,
            JobRequestScheduler jobs,
            WorkerSettings settings,
            Clock clock,
            List<CommandHandler<?>> handlers,
            LeaseKeeper leases,
            MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.jobs = jobs;
        this.settings = settings;
        this.clock = clock;
        this.metrics = meters == null ? CommandMetrics.none() : new CommandMetrics(meters, running);
        this.handlers = handlers.stream().collect(Collectors.toMap(CommandHandler::commandType, Function.identity()));
        if (leases != null) {
            leases.register(until -> store.extendLeases(Set.copyOf(running), until));
        }
    }

    void runFirstAttempt(Command command) {
        Instant now = clock.instant();
        Optional<CommandRecord> claimed = store.claimFirstAttempt(command.commandId(), now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            resumeLaterIfOwnerVanishes(command.commandId());
            return;
        }
        run(command, claimed.get().attempts());
    }

    void runRetry(RetryCommand request) {
        Instant now = clock.instant();
        Optional<CommandRecord> claimed =
                store.claimRetry(request.commandId(), request.attempt(), now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            resumeLaterIfOwnerVanishes(request.commandId());
            return;
        }
        Command command = Json.mapper().readValue(claimed.get().payload(), Command.class);
        run(command, claimed.get().attempts());
    }

    /**
     * A command we could not claim is finished, waiting for a retry, or owned by a worker that is running it right
     * now. In the last case that worker may die, so make sure someone looks again when its lease ends.
     */
    private void resumeLaterIfOwnerVanishes(java.util.UUID commandId) {
        store.find(commandId)
                .filter(r -> r.status() == CommandStatus.RUNNING && r.leaseUntil() != null)
                .ifPresentOrElse(
                        running -> {
                            RetryCommand resume = new RetryCommand(commandId, running.attempts());
                            Instant at = running.leaseUntil().plusMillis(1);
                            jobs.schedule(resume.resumeJobId(running.leaseUntil()), at, resume);
                            log.info("command {} is running elsewhere; will look again at {}", commandId, at);
                        },
                        () -> log.debug("command {} not claimable (duplicate delivery or unknown)", commandId));
    }

    private void run(Command command, int attempt) {
        running.add(command.commandId());
        metrics.started(command, attempt, clock.instant());
        try {
            attempt(command, attempt);
        } finally {
            running.remove(command.commandId());
        }
    }

    private void attempt(Command command, int attempt) {
        try {
            Event success = handlerFor(command).execute(command, attempt);
            events.publish(success);
            store.succeeded(command.commandId(), attempt, success.summary(), clock.instant());
            metrics.attempted(command, "succeeded", clock.instant());
        } catch (CommandRejectedException e) {
            fail(command, attempt, null, e.getMessage());
        } catch (Exception e) {
            if (Outages.isOutage(e)) {
                // MongoDB or Kafka failed under the attempt: no outcome to record; taken over after the lease
                throw new Outages.AttemptAbandonedException(command.commandId(), e);
            }
            GitLabFailure failure = e instanceof RetryLaterException later ? later.asFailure() : GitLabFailure.of(e);
            if (failure == null) {
                log.error("command {} ({}) failed unexpectedly", command.commandId(), command.typeName(), e);
                fail(command, attempt, null, "internal error: " + e.getClass().getSimpleName());
            } else if (failure.retryable() && attempt < settings.retry().maxAttempts()) {
                scheduleRetry(command, attempt, failure);
            } else {
                fail(command, attempt, failure.httpStatus(), failure.message());
            }
        }
    }

    private void scheduleRetry(Command command, int attempt, GitLabFailure failure) {
        Instant now = clock.instant();
        Instant next = now.plus(failure.retryAfter().orElseGet(() -> backoff(attempt)));
        RetryCommand retry = new RetryCommand(command.commandId(), attempt + 1);
        jobs.schedule(retry.jobId(), next, retry);
        events.publish(new CommandRetryScheduled(
                EventIds.of(command.commandId(), attempt, "CommandRetryScheduled"),
                command.commandId(),
                command.correlationId(),
                now,
                command.subjectId(),
                command.typeName(),
                attempt,
                next,
                failure.message()));
        store.retryScheduled(command.commandId(), attempt, failure.message(), next, now);
        metrics.attempted(command, "retry_scheduled", now);
    }

    private void fail(Command command, int attempt, Integer httpStatus, String reason) {
        Instant now = clock.instant();
        events.publish(new CommandFailed(
                EventIds.of(command.commandId(), attempt, "CommandFailed"),
                command.commandId(),
                command.correlationId(),
                now,
                command.subjectId(),
                command.typeName(),
                attempt,
                httpStatus,
                reason,
                command.batchId()));
        store.failed(command.commandId(), attempt, reason, now);
        metrics.attempted(command, "failed", now);
    }

    Duration backoff(int attempt) {
        Duration initial = settings.retry().initialBackoff();
        Duration max = settings.retry().maxBackoff();
        int doublings = Math.min(attempt - 1, 30);
        Duration grown = initial.multipliedBy(1L << doublings);
        return grown.compareTo(max) > 0 ? max : grown;
    }

    @SuppressWarnings("unchecked")
    private <C extends Command> CommandHandler<C> handlerFor(C command) {
        CommandHandler<?> handler = handlers.get(command.getClass());
        if (handler == null) {
            throw new CommandRejectedException("this worker cannot execute " + command.typeName());
        }
        return (CommandHandler<C>) handler;
    }
}
