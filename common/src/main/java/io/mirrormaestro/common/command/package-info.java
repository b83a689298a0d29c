/**
 * The commands api-service sends worker-service on {@code mm.commands}: {@link
 * io.mirrormaestro.common.command.Command} and its three records (one instance check, one action on one mirror, one
 * "refresh now"), and {@link io.mirrormaestro.common.command.CommandStatus}, the life of a command as its record in
 * MongoDB holds it. Part of the Kafka contract: fields are only ever added.
 */
package io.mirrormaestro.common.command;
