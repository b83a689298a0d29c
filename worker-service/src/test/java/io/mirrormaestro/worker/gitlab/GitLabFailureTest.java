package io.mirrormaestro.worker.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.gitlab4j.api.GitLabApiException;
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
}
