package io.mirrormaestro.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** While MongoDB is away a request is told so with a 503 problem and when to try again, not a 500. */
class StoreAwayTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsA503ProblemWithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = new ProblemDetails()
                .storeAway(new DataAccessResourceFailureException("Timed out while waiting for a server"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getTitle()).isEqualTo("Database unavailable");
        assertThat(answer.getBody().getDetail()).isEqualTo("MongoDB does not answer; try again shortly");
    }

    @Test
    void credentialsThatCouldNotBeCheckedAreA503NotA401() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SignInEntryPoint()
                .commence(
                        new MockHttpServletRequest("GET", "/api/pairs"),
                        response,
                        new InternalAuthenticationServiceException(
                                "user lookup failed",
                                new DataAccessResourceFailureException("Timed out while waiting for a server")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();

        MockHttpServletResponse wrong = new MockHttpServletResponse();
        new SignInEntryPoint()
                .commence(
                        new MockHttpServletRequest("GET", "/api/pairs"),
                        wrong,
                        new BadCredentialsException("Bad credentials"));
        assertThat(wrong.getStatus()).isEqualTo(401);
    }
}
