package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.WorkerSettings;
import io.mirrormaestro.worker.command.CommandHandler;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.command.Outages;
import io.mirrormaestro.worker.command.RetryLaterException;
import io.mirrormaestro.worker.gitlab.GitLabFailure;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one handler for {@link MirrorCommand}s: locks the mirror, loads what the command acts on, runs the action and
 * turns its outcome into a {@link MirrorChanged} event. A create that fails for good also marks the mirror
 * {@code failed} with the reason, so the API can show why.
 */
@Component
class MirrorCommandHandler implements CommandHandler<MirrorCommand> {

    private final MirrorLock lock;
    private final ImportLines importLines;
    private final MirrorContexts contexts;
    private final MirrorStore store;
    private final Map<MirrorCommand.Action, MirrorAction> actions = new EnumMap<>(MirrorCommand.Action.class);
    private final WorkerSettings settings;
    private final Clock clock;

    MirrorCommandHandler(
            MirrorLock lock,
            ImportLines importLines,
            MirrorContexts contexts,
            MirrorStore store,
            List<MirrorAction> actions,
            WorkerSettings settings,
            Clock clock) {
        this.lock = lock;
        this.importLines = importLines;
        this.contexts = contexts;
        this.store = store;
        actions.forEach(a -> this.actions.put(a.action(), a));
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Class<MirrorCommand> commandType() {
        return MirrorCommand.class;
    }

    @Override
    public Event execute(MirrorCommand command, int attempt) throws Exception {
        try {
            return event(command, attempt, runLocked(command, attempt));
        } catch (Exception e) {
            if (command.action() == MirrorCommand.Action.CREATE && !Outages.isOutage(e)) {
                finalReason(e, attempt)
                        .ifPresent(reason -> store.markFailed(command.mirrorId(), reason, clock.instant()));
            }
            throw e;
        }
    }

    private MirrorAction.Outcome runLocked(MirrorCommand command, int attempt) throws Exception {
        MirrorAction action = actions.get(command.action());
        if (action == null) {
            throw new CommandRejectedException("this worker cannot " + command.typeName());
        }
        Optional<ImportLines.Start> imported =
                command.action() == MirrorCommand.Action.CREATE && command.batchId() != null
                        ? importLines.record(command, attempt)
                        : Optional.empty();
        if (imported.isPresent() && imported.get().skipped() != null) {
            return imported.get().skipped();
        }
        Optional<MirrorRecord> locked = imported.isPresent()
                ? Optional.empty() // recorded just now, already locked for this command
                : lock.acquire(command.mirrorId(), command.commandId());
        if (imported.isEmpty() && locked.isEmpty()) {
            return missing(command);
        }
        try {
            return action.run(
                    imported.isPresent() ? imported.get().context() : contexts.load(command, attempt, locked.get()));
        } finally {
            lock.release(command.mirrorId(), command.commandId());
        }
    }

    private static MirrorAction.Outcome missing(MirrorCommand command) {
        return switch (command.action()) {
            case DELETE -> new MirrorAction.Outcome("deleted", "mirror " + command.mirrorId() + " was already deleted");
            case CREATE -> throw new CommandRejectedException("mirror " + command.mirrorId() + " was deleted");
            default -> throw new CommandRejectedException("mirror " + command.mirrorId() + " no longer exists");
        };
    }

    /** Why the executor will fail this attempt for good, or empty when it will try again. */
    private Optional<String> finalReason(Exception e, int attempt) {
        if (e instanceof CommandRejectedException) {
            return Optional.of(e.getMessage());
        }
        GitLabFailure failure = e instanceof RetryLaterException later ? later.asFailure() : GitLabFailure.of(e);
        if (failure == null) {
            return Optional.of("internal error: " + e.getClass().getSimpleName());
        }
        boolean retried = failure.retryable() && attempt < settings.retry().maxAttempts();
        return retried ? Optional.empty() : Optional.of(failure.message());
    }

    private MirrorChanged event(MirrorCommand command, int attempt, MirrorAction.Outcome outcome) {
        return new MirrorChanged(
                EventIds.of(command.commandId(), attempt, "MirrorChanged"),
                command.commandId(),
                command.correlationId(),
                clock.instant(),
                command.mirrorId(),
                command.typeName(),
                outcome.change(),
                outcome.detail(),
                attempt,
                command.batchId());
    }
}
