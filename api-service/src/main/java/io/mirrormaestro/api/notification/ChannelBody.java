package io.mirrormaestro.api.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A channel as sent to create or replace it. On a replace, a {@code secret} or {@code password} left out keeps the
 * stored one. Secrets never appear in {@link #toString()}: requests end up in logs and exception messages.
 */
record ChannelBody(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "webhook|email", message = "must be webhook or email") String type,
        Boolean enabled,
        @Valid WebhookBody webhook,
        @Valid EmailBody email) {

    record WebhookBody(
            @NotBlank @Size(max = 2000) String url,
            @Size(min = 16, max = 200, message = "must be 16 to 200 characters") String secret) {

        @Override
        public String toString() {
            return "WebhookBody[url=" + url + ", secret=" + (secret == null ? null : "****") + "]";
        }
    }

    record EmailBody(
            @NotBlank @Size(max = 255) String host,
            @NotNull @Min(1) @Max(65535) Integer port,
            @Pattern(regexp = "none|starttls|ssl", message = "must be none, starttls or ssl") String tls,
            @Size(max = 255) String username,
            @Size(max = 1024) String password,
            @NotBlank @Email @Size(max = 255) String sender,
            @NotEmpty @Size(max = 50) List<@NotBlank @Email @Size(max = 255) String> recipients) {

        @Override
        public String toString() {
            return "EmailBody[host=" + host + ", port=" + port + ", tls=" + tls + ", username=" + username
                    + ", password=" + (password == null ? null : "****") + ", sender=" + sender + ", recipients="
                    + recipients + "]";
        }
    }
}
