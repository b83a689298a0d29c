/**
 * Test support shared by every module's integration tests (a main source set so they can depend on it): Kafka and
 * MongoDB once per test JVM ({@link io.mirrormaestro.testing.TestInfrastructure}), a REST client as a script would use
 * it ({@link io.mirrormaestro.testing.ApiClient}), what must hold of every ended batch
 * ({@link io.mirrormaestro.testing.BatchInvariants}), and the original tool's backup with its GitLab stood up in the
 * simulator ({@link io.mirrormaestro.testing.OriginalBackupFixture}).
 */
package io.mirrormaestro.testing;
