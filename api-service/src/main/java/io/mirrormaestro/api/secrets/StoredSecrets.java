package io.mirrormaestro.api.secrets;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Where secrets are stored encrypted at rest ({@code TokenCipher}): by convention a field whose name starts with
 * {@code encrypted_}, at the top of a document or inside an embedded one (the {@code encrypted_token} of an instance,
 * a group token and a mirror's own token; a notification channel's {@code webhook.encrypted_secret} and
 * {@code email.encrypted_password}). The key rotation and the backup both find them this way, by their dotted path,
 * so a secret added to a listed collection under that name is re-encrypted and backed up without further change; a
 * new collection holding secrets is added to {@link #COLLECTIONS}.
 */
public final class StoredSecrets {

    public static final String PREFIX = "encrypted_";

    /** Collections that may hold secrets; those that do not exist (yet) are simply empty. */
    public static final List<String> COLLECTIONS =
            List.of("instances", "group_tokens", "mirror_tokens", "notification_channels", "users", "schedules");

    private StoredSecrets() {}

    public static boolean isSecretField(String field) {
        return field.startsWith(PREFIX);
    }

    /** The secrets of a document that hold a value, by dotted path. */
    public static Map<String, String> of(Document document) {
        Map<String, String> secrets = new TreeMap<>();
        walk(document, "", (path, value) -> {
            if (value instanceof String text && !text.isEmpty()) {
                secrets.put(path, text);
            }
        });
        return secrets;
    }

    /** Every secret-named field with a value, string or not, by dotted path (a non-string one is malformed). */
    public static Map<String, Object> named(Document document) {
        Map<String, Object> named = new TreeMap<>();
        walk(document, "", (path, value) -> {
            if (value != null) {
                named.put(path, value);
            }
        });
        return named;
    }

    /** A copy of the document, embedded documents included, so that setting a secret by path leaves it alone. */
    public static Document copy(Document document) {
        Document copy = new Document();
        document.forEach((field, value) -> copy.put(field, value instanceof Document inner ? copy(inner) : value));
        return copy;
    }

    /** Sets the secret at a dotted path of {@link #of}; the embedded documents on the way exist. */
    public static void set(Document document, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            document.put(path, value);
        } else {
            set((Document) document.get(path.substring(0, dot)), path.substring(dot + 1), value);
        }
    }

    private interface Visitor {
        void visit(String path, Object value);
    }

    private static void walk(Document document, String prefix, Visitor visitor) {
        document.forEach((field, value) -> {
            if (value instanceof Document inner) {
                walk(inner, prefix + field + ".", visitor);
            } else if (isSecretField(field)) {
                visitor.visit(prefix + field, value);
            }
        });
    }
}
