package io.mirrormaestro.worker.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.CommandRetryScheduled;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.kafka.ContractUpgrade;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.worker.WorkerSettings;
import io.mirrormaestro.worker.gitlab.CutOff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>On shutdown ({@link #finishOrHandBack}) no new attempt starts, running ones get a while to finish, and those
 * still running are cut off before their next GitLab request and handed back: their lease ends at once and a job
 * lets any other worker take them over, instead of after the lease.
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
    /** A command's record class to the handler of the type it implements ({@code MirrorCommand} for its records). */
    private final Map<Class<?>, CommandHandler<?>> handlersByClass = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<UUID, Attempt> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private final CommandMetrics metrics;
    private final RetryPolicy retries;

    CommandExecutor(
            CommandStore store,
            EventPublisher events,
            JobRequestScheduler jobs,
            WorkerSettings settings,
            RetryPolicy retries,
            Clock clock,
            List<CommandHandler<?>> handlers,
            LeaseKeeper leases,
            MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.jobs = jobs;
        this.settings = settings;
        this.retries = retries;
        this.clock = clock;
        this.metrics = meters == null ? CommandMetrics.none() : new CommandMetrics(meters, running.keySet());
        this.handlers = handlers.stream().collect(Collectors.toMap(CommandHandler::commandType, Function.identity()));
        if (leases != null) {
            leases.register(until -> store.extendLeases(Set.copyOf(running.keySet()), until));
        }
    }

    void runFirstAttempt(Command command) {
        if (stopping) {
            throw new ShuttingDownException("command " + command.commandId());
        }
        Instant now = clock.instant();
        Optional<CommandRecord> claimed = store.claimFirstAttempt(command.commandId(), now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            resumeLaterIfOwnerVanishes(command.commandId());
            return;
        }
        run(command, claimed.get().attempts());
    }

    void runRetry(RetryCommand request) {
        if (stopping) {
            // taken from the queue as this worker stopped: give it to another worker rather than start it now
            jobs.enqueue(request.handBackJobId(), request);
            return;
        }
        Instant now = clock.instant();
        Optional<CommandRecord> claimed =
                store.claimRetry(request.commandId(), request.attempt(), now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            resumeLaterIfOwnerVanishes(request.commandId());
            return;
        }
        Command command = ContractUpgrade.command(claimed.get().payload());
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
        Attempt current = new Attempt(command.commandId(), attempt);
        running.put(command.commandId(), current);
        CutOff.watch(current::cutOff);
        metrics.started(command, attempt, clock.instant());
        try {
            attempt(command, current);
        } finally {
            CutOff.clear();
            running.remove(command.commandId());
            current.left.countDown();
        }
    }

    private void attempt(Command command, Attempt current) {
        int attempt = current.number;
        try {
            Event success = handlerFor(command).execute(command, attempt);
            events.publish(success);
            store.succeeded(command.commandId(), attempt, success.summary(), success.typeName(), clock.instant());
            metrics.attempted(command, "succeeded", clock.instant());
        } catch (Exception e) {
            if (current.abandonedOnShutdown()) {
                if (!(e instanceof CommandRejectedException)) {
                    log.info(
                            "command {} ({}) cut off by shutdown; handing it back",
                            command.commandId(),
                            command.typeName());
                }
                return;
            }
            if (Outages.isOutage(e)) {
                // MongoDB or Kafka failed under the attempt: no outcome to record; taken over after the lease
                throw new Outages.AttemptAbandonedException(command.commandId(), e);
            }
            RetryPolicy.Decision decision = retries.decide(e, attempt, clock.instant());
            if (decision.internal()) {
                log.error("command {} ({}) failed unexpectedly", command.commandId(), command.typeName(), e);
            }
            if (decision.retries()) {
                scheduleRetry(command, attempt, decision);
            } else {
                fail(command, attempt, decision.httpStatus(), decision.reason());
            }
        }
    }

    private void scheduleRetry(Command command, int attempt, RetryPolicy.Decision decision) {
        Instant now = clock.instant();
        Instant next = decision.retryAt();
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
                decision.reason()));
        store.retryScheduled(command.commandId(), attempt, decision.reason(), next, now);
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
                command.batchLine()));
        store.failed(command.commandId(), attempt, reason, now);
        metrics.attempted(command, "failed", now);
    }

    /** Takes commands again after a stop (a context stopped and started again: nothing is left of the stop). */
    void resume() {
        stopping = false;
    }

    /**
     * Stops starting attempts, waits up to {@code finish} for those running, then cuts off the rest before their
     * next GitLab request and waits up to {@code cutOff} for them to stop. Each that stopped without an outcome is
     * handed back: its lease ends now and a job lets another worker take it over (a redelivery of its Kafka record
     * may get there first; the claim lets only one of them run it). One still inside a GitLab request after that
     * keeps its lease, and is taken over when the lease ends.
     */
    void finishOrHandBack(Duration finish, Duration cutOff) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + finish.toNanos();
        for (Attempt a : List.copyOf(running.values())) {
            a.left.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        List<Attempt> late = List.copyOf(running.values());
        if (late.isEmpty()) {
            return;
        }
        log.info("{} commands still running after {}; cutting them off", late.size(), finish);
        late.forEach(a -> a.cutOff = true);
        long cutOffDeadline = System.nanoTime() + cutOff.toNanos();
        for (Attempt a : late) {
            if (!a.left.await(Math.max(0, cutOffDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn(
                        "command {} is still inside a GitLab request; another worker takes it over when its lease ends",
                        a.commandId);
            } else if (a.abandoned) {
                handBack(a);
            }
        }
    }

    private void handBack(Attempt a) {
        if (store.handBack(a.commandId, a.number, clock.instant())) {
            RetryCommand takeOver = new RetryCommand(a.commandId, a.number + 1);
            jobs.enqueue(takeOver.handBackJobId(), takeOver);
            log.info("command {} handed back after attempt {}", a.commandId, a.number);
        }
    }

    /** Refuses a command's first attempt because this worker is stopping; its Kafka record is left uncommitted. */
    static final class ShuttingDownException extends RuntimeException {

        ShuttingDownException(String what) {
            super("worker stopping: " + what + " left to another worker", null, false, false);
        }
    }

    /** One attempt this worker runs, as shutdown sees it. */
    private static final class Attempt {
        final UUID commandId;
        final int number;
        final CountDownLatch left = new CountDownLatch(1);
        volatile boolean cutOff;
        volatile boolean abandoned;

        Attempt(UUID commandId, int number) {
            this.commandId = commandId;
            this.number = number;
        }

        boolean cutOff() {
            return cutOff;
        }

        /** Whatever ended the attempt, a cut-off one records nothing: it is handed back to run again. */
        boolean abandonedOnShutdown() {
            abandoned = cutOff;
            return abandoned;
        }
    }

    @SuppressWarnings("unchecked")
    private <C extends Command> CommandHandler<C> handlerFor(C command) {
        CommandHandler<?> handler =
                handlersByClass.computeIfAbsent(command.getClass(), type -> handlers.entrySet().stream()
                        .filter(h -> h.getKey().isAssignableFrom(type))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null));
        if (handler == null) {
            throw new CommandRejectedException("this worker cannot execute " + command.typeName());
        }
        return (CommandHandler<C>) handler;
    }
}
