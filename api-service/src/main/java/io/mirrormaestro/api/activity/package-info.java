/**
 * The activity log: every accepted command and every outcome event stored once, read newest first and filtered
 * ({@code GET /api/activity}), and pushed to browsers on {@code /topic/activity}, with the estate subjects they touch
 * on {@code /topic/estate}. Every feature that changes configuration records it here.
 */
package io.mirrormaestro.api.activity;
