package io.mirrormaestro.gitlab.simulator;

public record SimGroup(long id, String fullPath) {}
