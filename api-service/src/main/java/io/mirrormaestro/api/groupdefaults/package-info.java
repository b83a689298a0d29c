/**
 * Group defaults ({@code /api/group-defaults}): overrides of a pair's mirror defaults for the mirrors under one group
 * path, upserted presence-aware (absent fields stay, {@code null} inherits again).
 */
package io.mirrormaestro.api.groupdefaults;
