/**
 * Estates to start from: {@code EstateGenerator} builds a large deterministic one (groups by projects) for
 * benchmarks and demos, {@code SeedLoader} reads one from a file, {@code SeedReport} says what was made.
 */
package io.mirrormaestro.gitlab.simulator.seed;
