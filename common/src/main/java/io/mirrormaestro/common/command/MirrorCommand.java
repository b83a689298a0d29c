package io.mirrormaestro.common.command;

/**
 * An order about one mirror; one record per order. Commands carry ids only (an import line's create also carries
 * the line): the handler reads the mirror's desired state from MongoDB when it runs, so a retry applies the latest
 * wishes, and all commands for one mirror share a partition ({@code mirror:<id>}) and so run in order.
 *
 * <p>Published by api-service: the mirror endpoints and group token rotation ({@code Mirrors}), batches and imports
 * ({@code BatchRunner}), and the move from the original tool ({@code MigrationWriter}, {@code OwnTokens}). Executed
 * by worker-service's {@code MirrorCommandHandler}, which locks the mirror and runs the order; success is one of the
 * {@link io.mirrormaestro.common.event.MirrorChanged} events, a failure a
 * {@link io.mirrormaestro.common.event.CommandRetryScheduled} or {@link io.mirrormaestro.common.event.CommandFailed}
 * on {@code mirror:<id>}.
 */
public sealed interface MirrorCommand extends Command
        permits CreateMirror,
                ImportMirrorLine,
                UpdateMirror,
                SyncMirror,
                VerifyMirror,
                RotateMirrorCredentials,
                DeleteMirror,
                ResumeMirror {

    /** The {@code MirrorRecord} to act on. */
    long mirrorId();

    @Override
    default String partitionKey() {
        return subjectId();
    }

    @Override
    default String subjectId() {
        return Subjects.mirror(mirrorId());
    }
}
