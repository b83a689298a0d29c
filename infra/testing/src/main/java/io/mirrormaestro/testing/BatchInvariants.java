package io.mirrormaestro.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What must hold of a batch once it has ended, however it got there (crashes, restarts, outages, repeated
 * deliveries), read through the REST API as an operator would: the batch ended, no counter is negative, the counters
 * equal its lines' statuses and add up to its total, no line is left in flight, and every line that was handed to a
 * worker names a command that ended {@code succeeded} or {@code failed} (with a reason), agreeing with the line, whose
 * outcome the activity log holds.
 */
public final class BatchInvariants {

    private static final Set<String> FINAL_LINE = Set.of("succeeded", "failed", "skipped", "cancelled");
    private static final List<String> COUNTERS =
            List.of("pending", "in_progress", "succeeded", "failed", "skipped", "cancelled");

    private BatchInvariants() {}

    /** @return the violations found, empty when the batch is sound */
    public static List<String> check(ApiClient api, String batchId) {
        List<String> violations = new ArrayList<>();
        JsonNode batch =
                api.get("/api/batches/" + batchId + "?lines_page_size=0").body().path("batch");
        String status = batch.path("status").asString();
        if (!status.equals("completed") && !status.equals("cancelled")) {
            violations.add("batch " + batchId + " is " + status + ", not ended");
        }
        for (String counter : COUNTERS) {
            if (batch.path(counter).asInt() < 0) {
                violations.add("counter " + counter + " is negative: "
                        + batch.path(counter).asInt());
            }
        }
        Map<String, Integer> lines = new HashMap<>();
        int total = 0;
        for (int page = 1; ; page++) {
            JsonNode body = api.get("/api/batches/" + batchId + "?lines_page_size=1000&lines_page=" + page)
                    .body();
            JsonNode items = body.path("lines");
            for (JsonNode line : items) {
                total++;
                String lineStatus = line.path("status").asString();
                lines.merge(lineStatus.equals("creating") ? "in_progress" : lineStatus, 1, Integer::sum);
                if (!FINAL_LINE.contains(lineStatus)) {
                    violations.add("line " + line.path("line").asInt() + " is still " + lineStatus);
                }
                if (line.path("command_id").isString()) {
                    checkCommand(api, line, lineStatus, line.path("command_id").asString(), violations);
                }
            }
            if (items.size() < 1000) {
                break;
            }
        }
        if (total != batch.path("total").asInt()) {
            violations.add("batch has " + total + " lines, total says "
                    + batch.path("total").asInt());
        }
        for (String counter : COUNTERS) {
            int counted = lines.getOrDefault(counter, 0);
            if (batch.path(counter).asInt() != counted) {
                violations.add(
                        "counter " + counter + " is " + batch.path(counter).asInt() + ", lines say " + counted);
            }
        }
        return violations;
    }

    private static void checkCommand(
            ApiClient api, JsonNode line, String lineStatus, String commandId, List<String> violations) {
        JsonNode command = api.get("/api/commands/" + commandId).body();
        String commandStatus = command.path("status").asString();
        String where = "line " + line.path("line").asInt() + " (command " + commandId + ")";
        if (!commandStatus.equals("succeeded") && !commandStatus.equals("failed")) {
            violations.add(where + ": command is " + commandStatus);
        } else if (commandStatus.equals("failed") && !command.path("last_error").isString()) {
            violations.add(where + ": command failed without a reason");
        } else if (commandStatus.equals("failed") != lineStatus.equals("failed")) {
            violations.add(where + ": line is " + lineStatus + " but its command " + commandStatus);
        } else if (command.path("history")
                .valueStream()
                .noneMatch(entry -> entry.path("outcome").asString().equals(commandStatus))) {
            violations.add(where + ": the activity log has no " + commandStatus + " entry for it");
        }
    }
}
