package io.mirrormaestro.api.problem;

/** Answered as 409 problem+json; {@code field} names what collides. */
public class ConflictException extends RuntimeException {

    private final String field;
    private final transient java.util.Map<String, Object> properties;

    public ConflictException(String field, String message) {
        this(field, message, java.util.Map.of());
    }

    /** With extra members for the problem body, e.g. the mirrors that are already there. */
    public ConflictException(String field, String message, java.util.Map<String, Object> properties) {
        super(message);
        this.field = field;
        this.properties = java.util.Map.copyOf(properties);
    }

    public java.util.Map<String, Object> properties() {
        return properties;
    }

    public String field() {
        return field;
    }
}
