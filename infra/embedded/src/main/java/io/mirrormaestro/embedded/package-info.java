/**
 * Kafka and MongoDB in this JVM, for the one-command run and for tests without Docker: a real KRaft broker
 * ({@link io.mirrormaestro.embedded.EmbeddedKafka}) and a MongoDB wire-protocol server on an H2 file or in memory
 * ({@link io.mirrormaestro.embedded.EmbeddedMongo}), started together by
 * {@link io.mirrormaestro.embedded.EmbeddedStack}. The rest makes mongo-java-server fit the product: a backend that
 * JobRunr's migrations and current drivers work with, and indexes kept in memory that queries, counts and
 * {@code $group} stages are planned over, so the read views need not scan every mirror.
 */
package io.mirrormaestro.embedded;
