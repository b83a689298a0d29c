package io.mirrormaestro.api.notification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A rule as sent to create or replace it; {@code pair_ids} and {@code group_paths} both empty: every mirror. */
record RuleBody(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Positive Long channelId,
        Boolean enabled,
        @NotEmpty
                List<
                                @NotNull
                                @Pattern(
                                        regexp = "mirror_failed|mirror_recovered|mirror_stuck|mirror_paused"
                                                + "|token_expiring|token_expired|batch_failed|instance_unreachable",
                                        message = "must be one of mirror_failed, mirror_recovered, mirror_stuck,"
                                                + " mirror_paused, token_expiring, token_expired, batch_failed,"
                                                + " instance_unreachable")
                                String>
                        events,
        @Min(1) @Max(1000) Integer failureThreshold,
        @Size(max = 500) List<@NotNull @Positive Long> pairIds,
        @Size(max = 500)
                List<
                                @NotBlank @Size(max = 500)
                                @Pattern(regexp = "[^\\s]+", message = "must not contain white space") String>
                        groupPaths) {}
