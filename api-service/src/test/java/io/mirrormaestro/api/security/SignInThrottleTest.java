package io.mirrormaestro.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.api.web.RawHttp;
import io.mirrormaestro.testing.ApiClient;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Failed sign-ins are throttled per client address. Each client here is its own loopback address (127.0.0.x), so
 * the other tests sharing this server (all from 127.0.0.1) are not throttled.
 */
class SignInThrottleTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void asManyFailuresAsAllowedThenTooManyRequestsWithRetryAfterWhileOtherClientsSignIn() throws Exception {
        int a = ThreadLocalRandom.current().nextInt(2, 120);
        String guesser = "127.0.0." + a;
        String colleague = "127.0.0." + (a + 120);

        assertThat(get(guesser, PASSWORD).status()).as("a right password first").isEqualTo(200);
        for (int i = 1; i <= MAX_SIGN_IN_FAILURES; i++) {
            assertThat(get(guesser, "wrong-" + i).status()).as("failure " + i).isEqualTo(401);
        }
        RawHttp.Response throttled = get(guesser, "wrong-" + (MAX_SIGN_IN_FAILURES + 1));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("content-type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 60L);
        assertThat(ApiClient.JSON.readTree(throttled.json()).path("detail").asString())
                .contains("too many failed sign-ins");
        assertThat(get(guesser, PASSWORD).status())
                .as("the password is not even checked while throttled")
                .isEqualTo(429);

        assertThat(get(colleague, PASSWORD).status())
                .as("another client signs in")
                .isEqualTo(200);
        assertThat(get(colleague, "typo").status()).as("and may mistype").isEqualTo(401);
        assertThat(get(colleague, PASSWORD).status()).isEqualTo(200);
        assertThat(get(colleague, null).status())
                .as("no credentials: the usual 401")
                .isEqualTo(401);
    }

    @Test
    void theThrottleEndsWithTheWindow() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(1), now::get);

        throttle.failed("c");
        throttle.failed("c");
        assertThat(throttle.retryAfterSeconds("c")).isZero();
        throttle.failed("c");
        assertThat(throttle.retryAfterSeconds("c")).isEqualTo(60);
        assertThat(throttle.retryAfterSeconds("other")).isZero();
        now.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(throttle.retryAfterSeconds("c")).isEqualTo(15);
        now.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(throttle.retryAfterSeconds("c")).isZero();
        throttle.failed("c");
        assertThat(throttle.retryAfterSeconds("c")).as("a new window starts").isZero();
    }

    private RawHttp.Response get(String from, String password) throws Exception {
        return RawHttp.get(port, "/api/instances", password == null ? null : ApiClient.basic(USER, password), from);
    }
}
