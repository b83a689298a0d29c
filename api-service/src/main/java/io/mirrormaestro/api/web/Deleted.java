package io.mirrormaestro.api.web;

import java.util.Map;

/**
 * The body of a delete, as the original tool answered ({@code {"status":"deleted"}}), with what the cascade removed.
 */
public record Deleted(String status, Map<String, Long> deleted) {

    public static Deleted of(Map<String, Long> cascade) {
        return new Deleted("deleted", cascade);
    }
}
