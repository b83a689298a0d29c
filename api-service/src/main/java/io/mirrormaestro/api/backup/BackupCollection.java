package io.mirrormaestro.api.backup;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * One collection a backup holds: how its documents are named in a restore plan, which fields make a document unique
 * besides its {@code _id} (a restore that would break one is refused), and which fields are this installation's own
 * working state that a restore clears (a worker's lock on a mirror).
 */
record BackupCollection(
        String name, boolean always, Function<Document, String> label, List<String> uniqueKey, List<String> cleared) {

    /** The unique key of a document, or null when the collection has none. */
    String keyOf(Document document) {
        if (uniqueKey.isEmpty()) {
            return null;
        }
        return uniqueKey.stream().map(f -> Objects.toString(document.get(f))).collect(Collectors.joining("\u0000"));
    }

    static String text(Document document, String field) {
        Object value = document.get(field);
        return value == null ? "#" + document.get("_id") : value.toString();
    }
}
