package io.mirrormaestro.gitlab.simulator;

/** A user of one simulated instance (ids are only meaningful on that instance). */
public record SimUser(long id, String username, boolean admin) {}
