package io.mirrormaestro.gitlab.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's ActiveModel::Errors: collected per attribute, rendered either as the error hash of
 * render_validation_error! ({"message":{"url":["is blocked: ..."]}}) or as the sentence of full messages that
 * Projects::UpdateService#update_failed! hands to render_api_error! ("Remote mirrors base Maximum ...").
 */
public final class ValidationErrors {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public ValidationErrors add(String attribute, String message) {
        errors.computeIfAbsent(attribute, a -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** render_validation_error!: 400 with the error hash. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.message(400, errors);
        }
    }

    /** update_failed!: 400 with full_messages.to_sentence. */
    public void throwSentenceIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.message(400, sentence());
        }
    }

    /** ActiveModel full messages ("base" errors bare, others prefixed by the humanized attribute), to_sentence. */
    public String sentence() {
        List<String> full = new ArrayList<>();
        errors.forEach((attribute, messages) -> messages.forEach(m -> full.add(fullMessage(attribute, m))));
        if (full.size() <= 1) {
            return full.isEmpty() ? "" : full.get(0);
        }
        return String.join(", ", full.subList(0, full.size() - 1)) + " and " + full.get(full.size() - 1);
    }

    private static String fullMessage(String attribute, String message) {
        if (attribute.equals("base")) {
            return message;
        }
        String words = attribute.replace('.', '_').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " " + message;
    }
}
