package io.mirrormaestro.api.problem;

/** Answered as 404 problem+json naming what was not found. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " " + id + " not found");
    }
}
