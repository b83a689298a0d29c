package io.mirrormaestro.gitlab.simulator;

public record SimProject(long id, String pathWithNamespace) {}
