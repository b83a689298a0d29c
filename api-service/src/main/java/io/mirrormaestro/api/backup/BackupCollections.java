package io.mirrormaestro.api.backup;

import java.util.List;
import java.util.Optional;

/**
 * The collections a backup holds, in the order a restore writes them (what others point at first). Configuration and
 * mirror state only: commands, batches and the activity log are history, not state, and are left out. Collections
 * after the first five are included when they exist at backup time, so a collection a newer feature adds (schedules,
 * notification channels and rules, users) is backed up by being listed here.
 */
final class BackupCollections {

    static final List<BackupCollection> ALL = List.of(
            new BackupCollection("instances", true, d -> BackupCollection.text(d, "name"), List.of("name"), List.of()),
            new BackupCollection("pairs", true, d -> BackupCollection.text(d, "name"), List.of("name"), List.of()),
            new BackupCollection(
                    "group_tokens",
                    true,
                    d -> BackupCollection.text(d, "group_path") + " on instance " + d.get("gitlab_instance_id"),
                    List.of("gitlab_instance_id", "group_path"),
                    List.of()),
            new BackupCollection(
                    "group_defaults",
                    true,
                    d -> BackupCollection.text(d, "group_path") + " in pair " + d.get("instance_pair_id"),
                    List.of("instance_pair_id", "group_path"),
                    List.of()),
            new BackupCollection(
                    "mirrors",
                    true,
                    d -> BackupCollection.text(d, "source_project_path") + " → "
                            + BackupCollection.text(d, "target_project_path") + " (" + d.get("mirror_direction")
                            + ")",
                    List.of(
                            "source_instance_id",
                            "source_project_id",
                            "target_instance_id",
                            "target_project_id",
                            "mirror_direction"),
                    // a lock held by a worker of the installation the backup came from
                    List.of("lock_owner", "lock_until")),
            // a mirror's own project access token (mirrors moved over from the original tool), keyed by the mirror
            new BackupCollection(
                    "mirror_tokens",
                    false,
                    d -> "mirror " + d.get("_id") + " (" + BackupCollection.text(d, "token_name") + ")",
                    List.of(),
                    List.of()),
            new BackupCollection("schedules", false, d -> BackupCollection.text(d, "name"), List.of(), List.of()),
            new BackupCollection(
                    "notification_channels", false, d -> BackupCollection.text(d, "name"), List.of(), List.of()),
            new BackupCollection(
                    "notification_rules", false, d -> BackupCollection.text(d, "name"), List.of(), List.of()),
            // users are keyed by their name; passwords and API tokens are stored as hashes and restored as they are
            new BackupCollection("users", false, d -> String.valueOf(d.get("_id")), List.of(), List.of()),
            new BackupCollection(
                    "api_tokens",
                    false,
                    d -> BackupCollection.text(d, "name") + " of " + BackupCollection.text(d, "username"),
                    List.of(),
                    List.of()));

    private BackupCollections() {}

    static Optional<BackupCollection> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
