/**
 * The original tool's topology, {@code GET /api/topology} (GitLab instances as nodes, the flows of mirrors between
 * them as links, with health and staleness) and its drill-down {@code GET /api/topology/link-mirrors} (a link's
 * mirrors, worst first, paged), grouped and ranked by MongoDB.
 */
package io.mirrormaestro.api.topology;
