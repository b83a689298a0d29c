package io.mirrormaestro.api.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a restore does, per collection: documents of the archive it creates (not in this installation), replaces
 * (there with other content), leaves unchanged (there, identical), and the installation's own documents the archive
 * does not hold, which it keeps. Names are listed up to {@value #NAMES} per kind; the counts are complete.
 * {@code conflicts} are documents the archive would collide with (the same name or projects under another id): a
 * restore with conflicts is refused.
 */
record RestorePlan(
        boolean dryRun,
        Instant backupCreatedAt,
        List<CollectionPlan> collections,
        List<String> conflicts,
        long secrets) {

    static final int NAMES = 100;

    record Names(long count, List<String> names) {

        static Names empty() {
            return new Names(0, new ArrayList<>());
        }

        Names add(String name) {
            if (names.size() < NAMES) {
                names.add(name);
            }
            return new Names(count + 1, names);
        }
    }

    record CollectionPlan(String name, long inArchive, Names created, Names replaced, Names unchanged, Names kept) {}

    RestorePlan applied() {
        return new RestorePlan(false, backupCreatedAt, collections, conflicts, secrets);
    }
}
