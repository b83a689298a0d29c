package io.mirrormaestro.api.security;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.mirrormaestro.api.problem.ProblemDetails;
import io.mirrormaestro.api.problem.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * Answers a request without valid credentials. The UI's own requests ({@code X-Requested-With: XMLHttpRequest}) get a
 * 401 problem+json without a challenge, so the browser shows no Basic prompt and the UI its sign-in page. Every other
 * answer carries the Basic challenge; a browser navigating to a server page (it accepts {@code text/html}, say
 * {@code /docs}) that gets no further than the prompt then shows a short page pointing to the sign-in page rather
 * than an empty one. API clients get the plain 401 they always had.
 */
class SignInEntryPoint implements AuthenticationEntryPoint {

    static final String REALM = "Realm";

    private static final String PAGE =
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Sign-in required - Mirror Maestro</title>
              <meta name="viewport" content="width=device-width, initial-scale=1">
            </head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
              <h1>Sign-in required</h1>
              <p>Mirror Maestro needs your user name and password.</p>
              <p><a href="/sign-in">Sign in</a>, then <a href="">reload the page</a>.</p>
            </body>
            </html>
            """;

    private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();

    SignInEntryPoint() {
        basic.setRealmName(REALM);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (storeAway(e)) {
            // the credentials could not be checked, not found wrong: a 401 would tell a script its password is bad
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            ProblemResponses.write(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "MongoDB does not answer, so the sign-in could not be checked; try again shortly");
            return;
        }
        if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "You are not signed in.");
            return;
        }
        if (!isBrowserNavigation(request)) {
            basic.commence(request, response, e);
            return;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(PAGE);
    }

    /** Whether the user store could not be read (as {@link ProblemDetails#storeAway} answers for other requests). */
    static boolean storeAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof MongoTimeoutException
                    || t instanceof MongoSocketException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBrowserNavigation(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
