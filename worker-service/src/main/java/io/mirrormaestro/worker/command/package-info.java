/**
 * Running commands, whatever they do: {@link io.mirrormaestro.worker.command.CommandListener} takes each poll of
 * {@code mm.commands}, {@link io.mirrormaestro.worker.command.CommandExecutor} claims an attempt on the command's
 * record, calls the {@link io.mirrormaestro.worker.command.CommandHandler} for its type, publishes the outcome
 * ({@link io.mirrormaestro.worker.command.EventPublisher}) and records it; retryable failures become
 * {@link io.mirrormaestro.worker.command.RetryCommand} JobRunr jobs. Leases, their renewal, the sweep for commands
 * nobody will resume, and the hand-back on shutdown keep every command ending once even when workers, MongoDB or
 * Kafka go away.
 */
package io.mirrormaestro.worker.command;
