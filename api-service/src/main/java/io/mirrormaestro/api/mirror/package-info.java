/**
 * Mirrors ({@code /api/mirrors}): listing with filters and effective settings, create, change, delete, sync, resume,
 * verify and token rotation, each recorded as desired state and handed to the workers as a command; "refresh now";
 * and the move of a mirror from its own token to group tokens.
 */
package io.mirrormaestro.api.mirror;
