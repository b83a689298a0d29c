package io.mirrormaestro.gitlab.simulator.model;

public enum TokenKind {
    PERSONAL,
    GROUP,
    PROJECT
}
