package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.DeleteMirror;
import io.mirrormaestro.common.command.ImportMirrorLine;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.event.MirrorAdopted;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.event.MirrorCreated;
import io.mirrormaestro.common.event.MirrorCredentialsRotated;
import io.mirrormaestro.common.event.MirrorDeleted;
import io.mirrormaestro.common.event.MirrorImportSkipped;
import io.mirrormaestro.common.event.MirrorResumed;
import io.mirrormaestro.common.event.MirrorSyncRequested;
import io.mirrormaestro.common.event.MirrorUpdated;
import io.mirrormaestro.common.event.MirrorVerified;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.command.CommandHandler;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.command.Outages;
import io.mirrormaestro.worker.command.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one handler for {@link MirrorCommand}s: locks the mirror, loads what the command acts on, runs its
 * {@link MirrorAction} and turns the outcome into the {@link MirrorChanged} event that names it. An
 * {@link ImportMirrorLine} first records its mirror ({@link ImportLines}) and then runs as a create. A create that
 * fails for good also marks the mirror {@code failed} with the reason, so the API can show why.
 */
@Component
class MirrorCommandHandler implements CommandHandler<MirrorCommand> {

    private final MirrorLock lock;
    private final ImportLines importLines;
    private final MirrorContexts contexts;
    private final MirrorStore store;
    private final Map<Class<? extends MirrorCommand>, MirrorAction> actions = new HashMap<>();
    private final RetryPolicy retries;
    private final Clock clock;

    MirrorCommandHandler(
            MirrorLock lock,
            ImportLines importLines,
            MirrorContexts contexts,
            MirrorStore store,
            List<MirrorAction> actions,
            RetryPolicy retries,
            Clock clock) {
        this.lock = lock;
        this.importLines = importLines;
        this.contexts = contexts;
        this.store = store;
        actions.forEach(a -> this.actions.put(a.commandType(), a));
        this.retries = retries;
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
            if (creates(command) && !Outages.isOutage(e)) {
                retries.finalReason(e, attempt)
                        .ifPresent(reason -> store.markFailed(command.mirrorId(), reason, clock.instant()));
            }
            throw e;
        }
    }

    private static boolean creates(MirrorCommand command) {
        return command instanceof CreateMirror || command instanceof ImportMirrorLine;
    }

    private MirrorAction.Outcome runLocked(MirrorCommand command, int attempt) throws Exception {
        MirrorAction action =
                actions.get(command instanceof ImportMirrorLine ? CreateMirror.class : command.getClass());
        if (action == null) {
            throw new CommandRejectedException("this worker cannot " + command.typeName());
        }
        Optional<ImportLines.Start> imported =
                command instanceof ImportMirrorLine line ? importLines.record(line, attempt) : Optional.empty();
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
        if (command instanceof DeleteMirror) {
            return new MirrorAction.Outcome(
                    MirrorAction.Kind.DELETED, "mirror " + command.mirrorId() + " was already deleted");
        }
        throw new CommandRejectedException(
                "mirror " + command.mirrorId() + (creates(command) ? " was deleted" : " no longer exists"));
    }

    /** The event that names the outcome; its id is the same for the same attempt, whatever the outcome. */
    private MirrorChanged event(MirrorCommand command, int attempt, MirrorAction.Outcome outcome) {
        UUID id = EventIds.of(command.commandId(), attempt, "MirrorChanged");
        UUID commandId = command.commandId();
        UUID correlationId = command.correlationId();
        Instant at = clock.instant();
        long mirrorId = command.mirrorId();
        String type = command.typeName();
        String detail = outcome.detail();
        BatchLineRef line = command.batchLine();
        return switch (outcome.kind()) {
            case CREATED -> new MirrorCreated(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case ADOPTED -> new MirrorAdopted(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case UPDATED -> new MirrorUpdated(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case SYNC_REQUESTED ->
                new MirrorSyncRequested(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case DELETED -> new MirrorDeleted(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case VERIFIED ->
                new MirrorVerified(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case CREDENTIALS_ROTATED ->
                new MirrorCredentialsRotated(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case RESUMED -> new MirrorResumed(id, commandId, correlationId, at, mirrorId, type, detail, attempt, line);
            case IMPORT_SKIPPED ->
                new MirrorImportSkipped(
                        id,
                        commandId,
                        correlationId,
                        at,
                        mirrorId,
                        type,
                        detail,
                        attempt,
                        line,
                        outcome.existingMirrorId());
        };
    }
}
