package io.mirrormaestro.api.secrets;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Where secrets are stored encrypted at rest ({@code TokenCipher}): by convention a top-level field whose name starts
 * with {@code encrypted_} (the {@code encrypted_token} of an instance, a group token and a mirror's own token today). The key rotation and the
 * backup both find them this way, so a secret added to a listed collection under that name is re-encrypted and backed
 * up without further change; a new collection holding secrets is added to {@link #COLLECTIONS}.
 */
public final class StoredSecrets {

    public static final String PREFIX = "encrypted_";

    /** Collections that may hold secrets; those that do not exist (yet) are simply empty. */
    public static final List<String> COLLECTIONS =
            List.of("instances", "group_tokens", "mirror_tokens", "users", "notification_settings", "schedules");

    private StoredSecrets() {}

    public static boolean isSecretField(String field) {
        return field.startsWith(PREFIX);
    }

    /** The secret fields of a document that hold a value, by name. */
    public static Map<String, String> of(Document document) {
        Map<String, String> secrets = new TreeMap<>();
        document.forEach((field, value) -> {
            if (isSecretField(field) && value instanceof String text && !text.isEmpty()) {
                secrets.put(field, text);
            }
        });
        return secrets;
    }
}
