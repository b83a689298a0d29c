/**
 * Scheduled syncs (#15): a cron expression and time zone set on a pair, a group (by its group defaults) or a mirror,
 * resolved most specific first like the other mirror settings, with "none" to switch an inherited one off. When an
 * entry is due, one api-service instance claims it with a conditional update of its persisted next run and syncs the
 * mirrors it governs as one batch (actor {@code schedule}), its lines spread over {@code MM_SCHEDULE_SPREAD}.
 */
package io.mirrormaestro.api.schedule;
