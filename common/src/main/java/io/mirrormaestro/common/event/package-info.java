/**
 * The outcome events worker-service publishes on {@code mm.events} and api-service records, settles batch lines with
 * and notifies from: {@link io.mirrormaestro.common.event.Event}, its five records, and
 * {@link io.mirrormaestro.common.event.EventIds}, which makes a repeated step publish the same id. Part of the Kafka
 * contract: fields are only ever added.
 */
package io.mirrormaestro.common.event;
