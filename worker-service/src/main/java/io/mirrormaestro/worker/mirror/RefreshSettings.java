package io.mirrormaestro.worker.mirror;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The background status refresh (see README.md, {@code MM_REFRESH_*} and {@code MM_STUCK_AFTER}).
 *
 * @param enabled whether the workers run the recurring sweep at all
 * @param tick how often the sweep looks for projects whose refresh is due
 * @param activeInterval cadence of a project with a mirror syncing, or whose last update ended within {@code recent}
 * @param recent how long a mirror counts as just changed after GitLab's last update
 * @param failedInterval cadence of a project with a failed (or stuck, or orphaned) mirror
 * @param healthyInterval cadence of a project whose mirrors are all fine
 * @param disabledInterval cadence of a project whose mirrors are all disabled
 * @param rateShare percent of each GitLab instance's configured request rate refresh reads may use
 * @param stuckAfter a mirror syncing longer than this is recorded as stuck
 */
@Validated
@ConfigurationProperties("mm.worker.refresh")
public record RefreshSettings(
        boolean enabled,
        @NotNull Duration tick,
        @NotNull Duration activeInterval,
        @NotNull Duration recent,
        @NotNull Duration failedInterval,
        @NotNull Duration healthyInterval,
        @NotNull Duration disabledInterval,
        @Min(1) @Max(100) int rateShare,
        @NotNull Duration stuckAfter) {}
