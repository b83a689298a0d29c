/**
 * The outcome events worker-service publishes on {@code mm.events} and api-service records, settles batch lines with
 * and notifies from: {@link io.mirrormaestro.common.event.Event}; {@link io.mirrormaestro.common.event.InstanceChecked};
 * the {@link io.mirrormaestro.common.event.MirrorChanged} family, one past-tense record per outcome of a mirror
 * command ({@code MirrorCreated}, {@code MirrorAdopted}, {@code MirrorUpdated}, {@code MirrorSyncRequested},
 * {@code MirrorDeleted}, {@code MirrorVerified}, {@code MirrorCredentialsRotated}, {@code MirrorResumed},
 * {@code MirrorImportSkipped}) and of what GitLab reports ({@code MirrorSyncFinished}, {@code MirrorStatusRefreshed});
 * {@link io.mirrormaestro.common.event.MirrorsRefreshed}; {@link io.mirrormaestro.common.event.CommandRetryScheduled}
 * and {@link io.mirrormaestro.common.event.CommandFailed}; and {@link io.mirrormaestro.common.event.EventIds}, which
 * makes a repeated step publish the same id. Part of the Kafka contract: fields are only ever added, and a renamed
 * type is read under its old name for one version ({@link io.mirrormaestro.common.kafka.ContractUpgrade}).
 */
package io.mirrormaestro.common.event;
