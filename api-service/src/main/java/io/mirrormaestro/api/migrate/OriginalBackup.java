package io.mirrormaestro.api.migrate;

import io.mirrormaestro.common.command.MirrorDirection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the original's backup holds, checked and with every token already decrypted: a backup that fails anywhere is
 * refused before anything is looked up or written. Tokens never appear in {@code toString}.
 */
record OriginalBackup(String version, List<Instance> instances, List<Pair> pairs, List<Mirror> mirrors, int users) {

    /** The backup versions of the original this reads: 2.x, JSON format. */
    static final String SUPPORTED = "2.";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    record Instance(long id, String name, String url, String description, String token) {
        @Override
        public String toString() {
            return "Instance[id=" + id + ", name=" + name + ", url=" + url + ", token=****]";
        }
    }

    record Pair(
            long id,
            String name,
            String description,
            long sourceInstanceId,
            long targetInstanceId,
            String direction,
            boolean mirrorProtectedBranches,
            boolean mirrorOverwriteDiverged,
            boolean mirrorTriggerBuilds,
            boolean onlyMirrorProtectedBranches,
            String mirrorBranchRegex) {}

    record Mirror(
            long id,
            long pairId,
            long sourceProjectId,
            String sourceProjectPath,
            long targetProjectId,
            String targetProjectPath,
            Boolean mirrorProtectedBranches,
            Boolean mirrorOverwriteDiverged,
            Boolean mirrorTriggerBuilds,
            Boolean onlyMirrorProtectedBranches,
            String mirrorBranchRegex,
            Long gitlabMirrorId,
            boolean enabled,
            String lastUpdateStatus,
            String lastError,
            Instant lastSuccessfulUpdate,
            Instant lastUpdateAt,
            String tokenName,
            String token,
            LocalDate tokenExpiresAt,
            Long gitlabTokenId,
            Long tokenProjectId) {

        @Override
        public String toString() {
            return "Mirror[id=" + id + ", " + sourceProjectPath + " -> " + targetProjectPath + ", gitlabMirrorId="
                    + gitlabMirrorId + ", token=****]";
        }
    }

    static OriginalBackup of(OriginalArchive archive) {
        JsonNode metadata = parse(archive.metadataJson(), OriginalArchive.METADATA);
        String version = metadata.path("version").asString("");
        if (!version.startsWith(SUPPORTED)) {
            throw new ArchiveRefusedException(
                    OriginalArchive.METADATA,
                    "version '" + version + "' is not supported: this reads backups of version 2.x of the original");
        }
        String format = metadata.path("format").asString("json");
        if (!format.equals("json")) {
            throw new ArchiveRefusedException(
                    OriginalArchive.METADATA, "format '" + format + "' is not supported: only json backups are read");
        }
        JsonNode database = parse(archive.databaseJson(), OriginalArchive.DATABASE);
        OriginalSecrets secrets = OriginalSecrets.withKey(archive.encryptionKey());
        List<Instance> instances = new ArrayList<>();
        for (JsonNode row : table(database, metadata, "gitlab_instances")) {
            long id = number(row, "gitlab_instances", "id");
            String name = text(row, "gitlab_instances", id, "name");
            instances.add(new Instance(
                    id,
                    name,
                    text(row, "gitlab_instances", id, "url"),
                    optionalText(row, "description"),
                    secrets.decrypt(row.path("encrypted_token").asString(null), "instance " + id + " (" + name + ")")));
        }
        Set<Long> instanceIds =
                new HashSet<>(instances.stream().map(Instance::id).toList());
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode row : table(database, metadata, "instance_pairs")) {
            long id = number(row, "instance_pairs", "id");
            Pair pair = new Pair(
                    id,
                    text(row, "instance_pairs", id, "name"),
                    optionalText(row, "description"),
                    number(row, "instance_pairs", "source_instance_id"),
                    number(row, "instance_pairs", "target_instance_id"),
                    row.path("mirror_direction").asString("push"),
                    row.path("mirror_protected_branches").asBoolean(false),
                    row.path("mirror_overwrite_diverged").asBoolean(false),
                    row.path("mirror_trigger_builds").asBoolean(false),
                    row.path("only_mirror_protected_branches").asBoolean(false),
                    optionalText(row, "mirror_branch_regex"));
            if (!instanceIds.contains(pair.sourceInstanceId()) || !instanceIds.contains(pair.targetInstanceId())) {
                throw new ArchiveRefusedException(
                        OriginalArchive.DATABASE,
                        "instance pair " + id + " names an instance the backup does not hold");
            }
            if (MirrorDirection.of(pair.direction()).isEmpty()) {
                throw new ArchiveRefusedException(
                        OriginalArchive.DATABASE,
                        "instance pair " + id + " has mirror_direction '" + pair.direction() + "' (push or pull)");
            }
            pairs.add(pair);
        }
        Set<Long> pairIds = new HashSet<>(pairs.stream().map(Pair::id).toList());
        List<Mirror> mirrors = new ArrayList<>();
        for (JsonNode row : table(database, metadata, "mirrors")) {
            long id = number(row, "mirrors", "id");
            long pairId = number(row, "mirrors", "instance_pair_id");
            if (!pairIds.contains(pairId)) {
                throw new ArchiveRefusedException(
                        OriginalArchive.DATABASE,
                        "mirror " + id + " names instance pair " + pairId + ", which the backup does not hold");
            }
            String stored = row.path("encrypted_mirror_token").asString(null);
            mirrors.add(new Mirror(
                    id,
                    pairId,
                    number(row, "mirrors", "source_project_id"),
                    text(row, "mirrors", id, "source_project_path"),
                    number(row, "mirrors", "target_project_id"),
                    text(row, "mirrors", id, "target_project_path"),
                    optionalBoolean(row, "mirror_protected_branches"),
                    optionalBoolean(row, "mirror_overwrite_diverged"),
                    optionalBoolean(row, "mirror_trigger_builds"),
                    optionalBoolean(row, "only_mirror_protected_branches"),
                    optionalText(row, "mirror_branch_regex"),
                    row.path("mirror_id").isNumber() ? row.path("mirror_id").asLong() : null,
                    row.path("enabled").asBoolean(true),
                    optionalText(row, "last_update_status"),
                    optionalText(row, "last_error"),
                    instant(row, "last_successful_update"),
                    instant(row, "last_update_at"),
                    optionalText(row, "mirror_token_name"),
                    stored == null || stored.isBlank() ? null : secrets.decrypt(stored, "mirror " + id),
                    date(row, "mirror_token_expires_at"),
                    row.path("gitlab_token_id").isNumber()
                            ? row.path("gitlab_token_id").asLong()
                            : null,
                    row.path("token_project_id").isNumber()
                            ? row.path("token_project_id").asLong()
                            : null));
        }
        JsonNode users = database.path("users");
        return new OriginalBackup(version, instances, pairs, mirrors, users.isArray() ? users.size() : 0);
    }

    private static JsonNode parse(String json, String file) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new ArchiveRefusedException(file, "is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new ArchiveRefusedException(file, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A table as a list of rows, whose length must be what the metadata counted (else the archive is incomplete). */
    private static List<JsonNode> table(JsonNode database, JsonNode metadata, String name) {
        JsonNode rows = database.path(name);
        if (!rows.isArray()) {
            throw new ArchiveRefusedException(
                    OriginalArchive.DATABASE, "has no table '" + name + "' (a JSON list of rows)");
        }
        JsonNode counted = metadata.path("record_counts").path(name);
        if (counted.isNumber() && counted.asInt() != rows.size()) {
            throw new ArchiveRefusedException(
                    OriginalArchive.DATABASE,
                    "holds " + rows.size() + " rows of '" + name + "' but " + OriginalArchive.METADATA + " counted "
                            + counted.asInt() + ": the archive is incomplete");
        }
        List<JsonNode> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }

    private static long number(JsonNode row, String table, String field) {
        JsonNode value = row.path(field);
        if (!value.canConvertToLong()) {
            throw new ArchiveRefusedException(
                    OriginalArchive.DATABASE, "a row of '" + table + "' has no numeric '" + field + "'");
        }
        return value.asLong();
    }

    private static String text(JsonNode row, String table, long id, String field) {
        String value = row.path(field).asString(null);
        if (value == null || value.isBlank()) {
            throw new ArchiveRefusedException(
                    OriginalArchive.DATABASE, "row " + id + " of '" + table + "' has no '" + field + "'");
        }
        return value.trim();
    }

    private static String optionalText(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static Boolean optionalBoolean(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isBoolean() ? value.asBoolean() : null;
    }

    private static Instant instant(JsonNode row, String field) {
        String value = optionalText(row, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(value).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null; // an observation only: not worth refusing the archive for
            }
        }
    }

    private static LocalDate date(JsonNode row, String field) {
        Instant at = instant(row, field);
        if (at != null) {
            return at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        String value = optionalText(row, field);
        try {
            return value == null ? null : LocalDate.parse(value.substring(0, Math.min(10, value.length())));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Map<String, Object> counts(OriginalBackup backup) {
        return Map.of(
                "gitlab_instances", backup.instances().size(),
                "instance_pairs", backup.pairs().size(),
                "mirrors", backup.mirrors().size(),
                "users", backup.users());
    }
}
