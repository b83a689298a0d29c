/**
 * The commands api-service sends worker-service on {@code mm.commands}: {@link
 * io.mirrormaestro.common.command.Command}, sealed, one record per order: {@code CheckInstance}; the
 * {@link io.mirrormaestro.common.command.MirrorCommand} family ({@code CreateMirror}, {@code ImportMirrorLine},
 * {@code UpdateMirror}, {@code SyncMirror}, {@code VerifyMirror}, {@code RotateMirrorCredentials},
 * {@code DeleteMirror}, {@code ResumeMirror}); {@code RefreshMirrors}. Typed references they carry:
 * {@link io.mirrormaestro.common.command.BatchLineRef} and {@link io.mirrormaestro.common.command.MirrorDirection}.
 * {@link io.mirrormaestro.common.command.CommandStatus} is the life of a command as its record in MongoDB holds it.
 * Part of the Kafka contract: fields are only ever added, and a renamed type is read under its old name for one
 * version ({@link io.mirrormaestro.common.kafka.ContractUpgrade}).
 */
package io.mirrormaestro.common.command;
