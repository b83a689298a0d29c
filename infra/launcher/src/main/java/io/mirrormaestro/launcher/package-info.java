/**
 * The one-command run of the whole system in one JVM ({@link io.mirrormaestro.launcher.Launcher}, the
 * {@code mirror-maestro.jar} main class): the embedded stack unless Kafka and MongoDB are given, worker-service and
 * api-service as two Spring applications that share no beans ({@link io.mirrormaestro.launcher.MirrorMaestroSystem}),
 * and in demo mode two simulated GitLab instances with an estate seeded through the REST API
 * ({@link io.mirrormaestro.launcher.DemoEstate}). {@link io.mirrormaestro.launcher.DemoSystem} gives tests the same
 * populated system on free ports.
 */
package io.mirrormaestro.launcher;
