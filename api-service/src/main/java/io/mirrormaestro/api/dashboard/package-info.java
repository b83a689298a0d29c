/**
 * The original tool's dashboard reads, {@code GET /api/dashboard/metrics} and {@code GET /api/dashboard/quick-stats}:
 * counts, health buckets, freshness, recent activity from our activity log, and per-pair, per-instance and failing
 * views it lacked, each counted by MongoDB.
 */
package io.mirrormaestro.api.dashboard;
