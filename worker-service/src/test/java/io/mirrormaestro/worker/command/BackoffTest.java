package io.mirrormaestro.worker.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.worker.WorkerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "attempt {0} waits {1}")
    @CsvSource({"1,PT2S", "2,PT4S", "3,PT8S", "7,PT2M8S", "8,PT4M16S", "9,PT5M", "40,PT5M"})
    void doublesFromTheInitialDelayUpToTheCap(int attempt, Duration expected) {
        WorkerSettings settings = new WorkerSettings(
                Path.of("."),
                null,
                null,
                Duration.ofMinutes(2),
                32,
                new WorkerSettings.Retry(Duration.ofSeconds(2), Duration.ofMinutes(5), 8),
                new WorkerSettings.GitLab(Duration.ofSeconds(5), Duration.ofSeconds(30), 8, 0, false),
                new WorkerSettings.SyncFollowUp(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMinutes(2)),
                Duration.ofMinutes(1),
                Duration.ofSeconds(30));
        CommandExecutor executor =
                new CommandExecutor(null, null, null, settings, Clock.systemUTC(), List.of(), null, null);

        assertThat(executor.backoff(attempt)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "sync follow-up read {0} waits {1}")
    @CsvSource({"1,PT5S", "2,PT10S", "3,PT20S", "4,PT40S", "5,PT1M20S", "6,PT2M", "40,PT2M"})
    void syncFollowUpsDoubleFromTheFirstDelayUpToTheCap(int read, Duration expected) {
        WorkerSettings.SyncFollowUp followUp =
                new WorkerSettings.SyncFollowUp(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMinutes(2));

        assertThat(followUp.delayBefore(read)).isEqualTo(expected);
    }
}
