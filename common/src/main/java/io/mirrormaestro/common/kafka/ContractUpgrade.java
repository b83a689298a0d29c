package io.mirrormaestro.common.kafka;

import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.GitLabVerdict;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads commands and events written by the previous version of the contract, so that a rolling upgrade loses
 * nothing: the records on Kafka, in the command outbox ({@code commands.payload}) and in JobRunr's retry jobs outlive
 * the process that wrote them. Every reader of a command or event goes through here ({@link JsonSerde} for Kafka,
 * {@link #command(String)} for stored payloads).
 *
 * <p>The previous version (until December 2026) had one {@code MirrorCommand} type with an {@code action}
 * ({@code CREATE}, {@code SYNC}, ...) and one {@code MirrorChanged} event with a {@code change} ({@code created},
 * {@code sync_requested}, ...), and named a batch line by a {@code batch_id} string {@code <batch id>:<line>}. They
 * are read as the record of the new vocabulary that says the same thing: {@code CREATE} as {@code CreateMirror}
 * (adopting, as that version's worker did) or, in a batch, as {@code ImportMirrorLine} without its line (the worker
 * reads the line from MongoDB, as that version did); {@code change} as {@code MirrorCreated}, {@code MirrorSyncRequested}
 * and so on, a sync result's or refresh's verdict taken from the words its detail used. Nothing writes the old names any more; this class can go once no record of the previous version can be
 * left (the topics' retention, a week, after the upgrade).
 */
public final class ContractUpgrade {

    private static final Map<String, String> OLD_ACTIONS = Map.of(
            "UPDATE", "UpdateMirror",
            "SYNC", "SyncMirror",
            "DELETE", "DeleteMirror",
            "VERIFY", "VerifyMirror",
            "ROTATE_CREDENTIALS", "RotateMirrorCredentials",
            "RESUME", "ResumeMirror");

    private static final Map<String, String> OLD_CHANGES = Map.ofEntries(
            Map.entry("created", "MirrorCreated"),
            Map.entry("updated", "MirrorUpdated"),
            Map.entry("sync_requested", "MirrorSyncRequested"),
            Map.entry("deleted", "MirrorDeleted"),
            Map.entry("verified", "MirrorVerified"),
            Map.entry("credentials_rotated", "MirrorCredentialsRotated"),
            Map.entry("resumed", "MirrorResumed"),
            Map.entry("skipped", "MirrorImportSkipped"),
            Map.entry("sync_result", "MirrorSyncFinished"),
            Map.entry("status_refreshed", "MirrorStatusRefreshed"));

    private ContractUpgrade() {}

    /**
     * The command type the previous version's action constant names ({@code SYNC} is {@code SyncMirror}, a lone
     * {@code CREATE} is {@code CreateMirror}); a name of the current vocabulary comes back as it is. For stored
     * jobs that kept the action (worker-service's sync follow-ups).
     */
    public static String commandTypeOf(String action) {
        if ("CREATE".equals(action)) {
            return "CreateMirror";
        }
        return OLD_ACTIONS.getOrDefault(action, action);
    }

    /** A command from its JSON, in either version of the contract. */
    public static Command command(String json) {
        return command(json.getBytes(StandardCharsets.UTF_8));
    }

    static Command command(byte[] json) {
        if (current(json, "\"MirrorCommand\"")) {
            return Json.mapper().readValue(json, Command.class);
        }
        return Json.mapper().treeToValue(upgradeCommand(Json.mapper().readTree(json)), Command.class);
    }

    static Event event(byte[] json) {
        if (current(json, "\"MirrorChanged\"")) {
            return Json.mapper().readValue(json, Event.class);
        }
        return Json.mapper().treeToValue(upgradeEvent(Json.mapper().readTree(json)), Event.class);
    }

    /**
     * Whether a record is of the current vocabulary, read straight (every record on the hot path; a tree and a
     * conversion cost twice the parsing): no old type name, and no batch line as a {@code "<batch>:<line>"} string,
     * which the current {@code batch_line} object never holds at its top level.
     */
    private static boolean current(byte[] json, String oldTypeName) {
        String text = new String(json, StandardCharsets.ISO_8859_1); // the markers are ASCII
        if (text.contains(oldTypeName)) {
            return false;
        }
        int batchId = text.indexOf("\"batch_id\"");
        return batchId < 0 || text.contains("\"batch_line\"");
    }

    private static JsonNode upgradeCommand(JsonNode node) {
        if (!(node instanceof ObjectNode command)) {
            return node;
        }
        batchLine(command);
        if (!"MirrorCommand".equals(command.path("type").asString(""))) {
            return command;
        }
        String action = command.path("action").asString("");
        String type = action.equals("CREATE")
                ? (command.has("batch_line") ? "ImportMirrorLine" : "CreateMirror")
                : OLD_ACTIONS.get(action);
        if (type == null) {
            throw new UnknownTypeException("MirrorCommand with action '" + action + "'");
        }
        command.put("type", type);
        if (type.equals("CreateMirror")) {
            command.put("adopt_existing", true);
        }
        command.remove("action");
        return command;
    }

    private static JsonNode upgradeEvent(JsonNode node) {
        if (!(node instanceof ObjectNode event)) {
            return node;
        }
        batchLine(event);
        if (!"MirrorChanged".equals(event.path("type").asString(""))) {
            return event;
        }
        String change = event.path("change").asString("");
        String type = OLD_CHANGES.get(change);
        if (type == null) {
            throw new UnknownTypeException("MirrorChanged with change '" + change + "'");
        }
        event.put("type", type);
        event.remove("change");
        if (type.equals("MirrorStatusRefreshed") || type.equals("MirrorSyncFinished")) {
            event.put("verdict", verdictOf(event.path("detail").asString("")).wireName());
        }
        return event;
    }

    /**
     * The verdict the previous version's words meant (its notifications matched them): "...: stuck", "GitLab
     * reports ... failed" and "GitLab's sync of ... failed", "... up to date" and "GitLab finished the sync ...".
     */
    private static GitLabVerdict verdictOf(String detail) {
        if (detail.endsWith(": stuck")) {
            return GitLabVerdict.STUCK;
        }
        if ((detail.startsWith("GitLab reports") || detail.startsWith("GitLab's sync of"))
                && detail.contains(" failed")) {
            return GitLabVerdict.FAILED;
        }
        if (detail.endsWith(" up to date") || detail.startsWith("GitLab finished the sync")) {
            return GitLabVerdict.UP_TO_DATE;
        }
        return GitLabVerdict.OTHER;
    }

    /** {@code "batch_id": "<batch id>:<line>"} becomes {@code "batch_line": {"batch_id": ..., "line": ...}}. */
    private static void batchLine(ObjectNode node) {
        JsonNode old = node.get("batch_id");
        if (old == null || !old.isString() || node.has("batch_line")) {
            return;
        }
        BatchLineRef line = BatchLineRef.parse(old.asString());
        ObjectNode ref = node.putObject("batch_line");
        ref.put("batch_id", line.batchId());
        ref.put("line", line.line());
        node.remove("batch_id");
    }

    /** A record of the previous version this one cannot read. */
    static final class UnknownTypeException extends JacksonException {
        UnknownTypeException(String what) {
            super("unknown " + what);
        }
    }
}
