/**
 * {@code GET /api/pairs/{id}/effective-settings}: which settings, group token and schedule a new mirror in a pair
 * would get, and where each comes from. Above pair, token and schedule, which it combines.
 */
package io.mirrormaestro.api.effective;
