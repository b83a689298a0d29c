package io.mirrormaestro.worker.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.gitlab4j.api.GitLabApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitLabFailureTest {

    @ParameterizedTest(name = "HTTP {0} retryable={1}")
    @CsvSource({
        "500,true",
        "502,true",
        "503,true",
        "429,true",
        "400,false",
        "401,false",
        "403,false",
        "404,false",
        "422,false"
    })
    void httpStatusesAreClassifiedAsGitLabDocuments(int status, boolean retryable) {
        GitLabFailure failure = GitLabFailure.of(new GitLabApiException("boom", status));

        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.message()).startsWith(String.valueOf(status)).contains("boom");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"connect", "timeout"})
    void networkFailuresAreRetryable(String kind) {
        Exception cause = kind.equals("connect")
                ? new ConnectException("Connection refused")
                : new SocketTimeoutException("Read timed out");
        GitLabFailure failure = GitLabFailure.of(new ProcessingException(cause));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.message())
                .startsWith("GitLab unreachable")
                .contains(cause.getClass().getSimpleName());
    }

    @ParameterizedTest
    @CsvSource({"x"})
    void programmingErrorsAreNotGitLabFailures(String ignored) {
        assertThat(GitLabFailure.of(new IllegalStateException("bug"))).isNull();
    }

    @ParameterizedTest(name = "HTTP {0} with {1}: {2} -> {3}")
    @CsvSource({
        "429,Retry-After,17,PT17S",
        "429,retry-after,0,PT0S",
        "429,Retry-After,999999,PT1H",
        "429,Retry-After,soon,",
        "503,Retry-After,30,PT30S",
        "500,X-Other,30,",
        "404,Retry-After,30,"
    })
    void retryAfterComesFromGitLabsHeader(int status, String header, String value, Duration expected) {
        Response response = Response.status(status).header(header, value).build();

        GitLabFailure failure = GitLabFailure.of(new GitLabApiException(response));

        assertThat(failure.retryAfter()).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(120).atOffset(ZoneOffset.UTC));
        Response response =
                Response.status(429).header("Retry-After", inTwoMinutes).build();

        assertThat(GitLabFailure.of(new GitLabApiException(response)).retryAfter())
                .hasValueSatisfying(
                        wait -> assertThat(wait).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120)));
    }

    @Test
    void a429WithoutRetryAfterWaitsForTheRateLimitResetMeasuredOnGitLabsClock() {
        Instant gitlabNow = Instant.parse("2030-01-01T10:00:15Z");
        Response response = Response.status(429)
                .header("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(gitlabNow.atOffset(ZoneOffset.UTC)))
                .header("RateLimit-Remaining", "0")
                .header(
                        "RateLimit-Reset",
                        String.valueOf(gitlabNow.plusSeconds(45).getEpochSecond()))
                .build();

        assertThat(GitLabFailure.of(new GitLabApiException(response)).retryAfter())
                .hasValue(Duration.ofSeconds(45));
    }

    @Test
    void aCallHeldBackByTheInstancesOwnLimitsIsRetryable() {
        GitLabFailure failure =
                GitLabFailure.of(new RuntimeException(new GitLabLimitException("main: busy", Duration.ofSeconds(3))));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.message()).isEqualTo("main: busy");
        assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(3));
    }
}
