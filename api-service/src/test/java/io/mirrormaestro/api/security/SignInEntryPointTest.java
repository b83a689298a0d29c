package io.mirrormaestro.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** While MongoDB is away credentials cannot be checked: that is a 503 problem, not a 401 (a script would give up). */
class SignInEntryPointTest {

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
