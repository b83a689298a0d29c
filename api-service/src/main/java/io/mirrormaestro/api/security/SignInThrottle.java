package io.mirrormaestro.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mirrormaestro.api.problem.ProblemResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing: a client (remote address) that failed HTTP Basic sign-in {@code maxFailures} times
 * within {@code window} of its first failure gets 429 with {@code Retry-After} for its sign-ins, without a password
 * check, until that window has passed. Clients below the limit are never held up. At most 100,000 clients are
 * remembered, each no longer than the window.
 */
final class SignInThrottle {

    private static final int MAX_CLIENTS = 100_000;

    private final int maxFailures;
    private final long windowNanos;
    private final Ticker ticker;
    private final Cache<String, Failures> failures;

    SignInThrottle(int maxFailures, Duration window) {
        this(maxFailures, window, Ticker.systemTicker());
    }

    SignInThrottle(int maxFailures, Duration window, Ticker ticker) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .expireAfterWrite(window)
                .ticker(ticker)
                .build();
    }

    /** Seconds until {@code client} may try again, or 0 when it may now. */
    long retryAfterSeconds(String client) {
        Failures f = failures.getIfPresent(client);
        if (f == null || f.count < maxFailures) {
            return 0;
        }
        long left = f.start + windowNanos - ticker.read();
        return left <= 0 ? 0 : Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    void failed(String client) {
        long now = ticker.read();
        failures.asMap()
                .compute(
                        client,
                        (k, f) -> f == null || now - f.start >= windowNanos
                                ? new Failures(now, 1)
                                : new Failures(f.start, f.count + 1));
    }

    /** Counts a failed sign-in (a request with Basic credentials that did not authenticate), then answers it. */
    AuthenticationEntryPoint counting(AuthenticationEntryPoint entryPoint) {
        return (request, response, e) -> {
            // once per request: the 401's error dispatch runs the credentials through Basic authentication again
            if (request.getDispatcherType() == DispatcherType.REQUEST && hasBasicCredentials(request)) {
                failed(request.getRemoteAddr());
            }
            entryPoint.commence(request, response, e);
        };
    }

    /** Before the Basic authentication filter: a throttled client's sign-ins are refused unchecked. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long retryAfter = hasBasicCredentials(request) ? retryAfterSeconds(request.getRemoteAddr()) : 0;
                if (retryAfter == 0) {
                    chain.doFilter(request, response);
                    return;
                }
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                ProblemResponses.write(
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too many failed sign-ins from this address: try again in " + retryAfter + " s");
            }
        };
    }

    private static boolean hasBasicCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private record Failures(long start, int count) {}
}
