package io.mirrormaestro.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Most specific wins, as for the other mirror settings; "none" at a level switches the ones above it off. */
class ScheduleResolutionTest {

    private static final long PAIR = 7;

    private static final Map<String, ScheduleRecord> ENTRIES = Stream.of(
                    entry(ScheduleRecord.pairKey(PAIR), "pair", null, null, "0 2 * * *"),
                    entry(ScheduleRecord.groupKey(PAIR, "platform"), "group", "platform", null, "0 3 * * *"),
                    entry(ScheduleRecord.groupKey(PAIR, "platform/quiet"), "group", "platform/quiet", null, null),
                    entry(ScheduleRecord.groupKey(PAIR, "backup"), "group", "backup", null, "0 4 * * *"),
                    entry(ScheduleRecord.mirrorKey(42), "mirror", null, 42L, "0 5 * * *"),
                    entry(ScheduleRecord.mirrorKey(43), "mirror", null, 43L, null),
                    // another pair's group of the same path is not this pair's
                    entry(ScheduleRecord.groupKey(8, "tools"), "group", "tools", null, "0 6 * * *"))
            .collect(Collectors.toMap(ScheduleRecord::id, Function.identity()));

    @ParameterizedTest(name = "mirror {0}: {1} -> {2} gets {3}")
    @CsvSource({
        "1, tools/a, tools/a, pair",
        "1, platform/a, platform/a, group:platform",
        "1, platform/core/a, platform/core/a, group:platform",
        "1, platform/quiet/a, platform/quiet/a, group:platform/quiet",
        // the source project's groups first, then the target's
        "1, tools/a, backup/tools/a, group:backup",
        "1, platform/a, backup/a, group:platform",
        "42, tools/a, tools/a, mirror",
        "43, platform/a, platform/a, mirror"
    })
    void aMirrorFollowsTheMostSpecificLevel(long mirror, String source, String target, String expected) {
        assertThat(ScheduleResolution.forMirror(ENTRIES, PAIR, mirror, source, target)
                        .source())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "group {0} gets {1}")
    @CsvSource({
        "platform, group:platform",
        "platform/core, group:platform",
        "platform/quiet/deeper, group:platform/quiet",
        "tools, pair"
    })
    void aGroupFollowsItselfThenItsParentsThenThePair(String group, String expected) {
        assertThat(ScheduleResolution.forGroup(ENTRIES, PAIR, group).source()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"platform/quiet/a", "tools/x"})
    void noneAtALevelGovernsWithoutASchedule(String path) {
        ScheduleRecord quiet = ScheduleResolution.forMirror(ENTRIES, PAIR, 1L, path, path);
        assertThat(quiet.none()).isEqualTo(path.startsWith("platform/quiet"));
        assertThat(ScheduleResolution.forMirror(Map.of(), PAIR, 1L, path, path)).isNull();
    }

    private static ScheduleRecord entry(String id, String scope, String group, Long mirror, String cron) {
        long pair = id.startsWith("group:8:") ? 8 : PAIR;
        return new ScheduleRecord(
                id,
                scope,
                pair,
                group,
                mirror,
                id,
                cron,
                cron == null ? null : "UTC",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
