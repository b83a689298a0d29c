package io.mirrormaestro.gitlab.simulator;

import java.time.Instant;

/**
 * Recorded on a project when mirrored data "arrived": {@code kind} is "push" (another project's
 * push mirror wrote here) or "pull" (this project's pull mirror fetched). {@code source} is where
 * the data came from, with credentials masked.
 */
public record ReceivedMirrorUpdate(String kind, String source, Instant at) {}
