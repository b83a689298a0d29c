/**
 * The Kafka edge for incoming events: the listeners of the events topic, one live per api-service instance and one
 * journal for the whole system, hand each event to the activity log, batch progress and notification triggers.
 * Above those three, so none of them depends on another to be told about events.
 */
package io.mirrormaestro.api.events;
