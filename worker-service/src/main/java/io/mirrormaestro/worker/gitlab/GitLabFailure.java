package io.mirrormaestro.worker.gitlab;

import io.mirrormaestro.common.net.AddressGuard;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;

/**
 * Why a GitLab call failed, and whether trying again can help: timeouts, connection errors, 5xx and 429 can;
 * any other 4xx cannot, and carries GitLab's own message. {@code retryAfter} is the wait GitLab asked for
 * ({@code Retry-After}, or {@code RateLimit-Reset} on a 429), or the backlog of the instance's own rate limiter.
 */
public record GitLabFailure(boolean retryable, Integer httpStatus, String message, Optional<Duration> retryAfter) {

    public static GitLabFailure of(Throwable error) {
        AddressGuard.RefusedAddressException refused = find(error, AddressGuard.RefusedAddressException.class);
        if (refused != null) {
            return new GitLabFailure(false, null, "GitLab not called: " + refused.getMessage(), Optional.empty());
        }
        GitLabLimitException limited = find(error, GitLabLimitException.class);
        if (limited != null) {
            return new GitLabFailure(true, null, limited.getMessage(), limited.retryAfter());
        }
        GitLabApiException api = find(error, GitLabApiException.class);
        if (api != null && api.getHttpStatus() > 0) {
            int status = api.getHttpStatus();
            boolean retryable = status == 429 || status >= 500;
            Optional<Duration> retryAfter =
                    retryable ? ThrottleHeaders.retryAfter(status, api.getHeaders(), Instant.now()) : Optional.empty();
            return new GitLabFailure(retryable, status, describe(status, gitLabsMessage(api)), retryAfter);
        }
        if (find(error, IOException.class) != null || api != null) {
            Throwable root = rootCause(error);
            return new GitLabFailure(
                    true,
                    null,
                    "GitLab unreachable: " + root.getClass().getSimpleName()
                            + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")"),
                    Optional.empty());
        }
        return null;
    }

    /**
     * GitLab's own words. A validation failure answers an error hash ({"message":{"url":["is blocked: Requests to
     * localhost are not allowed"]}}), which gitlab4j turns into "The following fields have validation errors: ..."
     * with a bulleted list; it is put back as GitLab's full messages ("url is blocked: ...", a "base" error bare).
     */
    private static String gitLabsMessage(GitLabApiException api) {
        Map<String, List<String>> errors = api.getValidationErrors();
        if (errors == null || errors.isEmpty()) {
            return api.getMessage();
        }
        List<String> full = new ArrayList<>();
        errors.forEach((field, messages) -> {
            for (String message : messages) {
                full.add(field.equals("base") ? message : field + " " + message);
            }
        });
        return String.join("; ", full);
    }

    private static String describe(int status, String message) {
        if (message == null || message.isBlank()) {
            return "HTTP " + status;
        }
        String text = message.strip();
        return text.startsWith(String.valueOf(status)) ? text : status + " " + text;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
