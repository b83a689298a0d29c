package io.mirrormaestro.api.web;

/** Answered as 409 problem+json; {@code field} names what collides. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
