package io.mirrormaestro.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.testing.ApiClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
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
    void tenFailuresThenTooManyRequestsWithRetryAfterWhileOtherClientsSignIn() throws Exception {
        int a = ThreadLocalRandom.current().nextInt(2, 120);
        String guesser = "127.0.0." + a;
        String colleague = "127.0.0." + (a + 120);

        assertThat(get(guesser, PASSWORD).status()).as("a right password first").isEqualTo(200);
        for (int i = 1; i <= 10; i++) {
            assertThat(get(guesser, "wrong-" + i).status()).as("failure " + i).isEqualTo(401);
        }
        Raw throttled = get(guesser, "wrong-11");
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

    private Raw get(String from, String password) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET /api/instances HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (password == null ? "" : "Authorization: " + ApiClient.basic(USER, password) + "\r\n")
                    + "Accept: application/json\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new Raw(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record Raw(String text) {

        int status() {
            return Integer.parseInt(text.split(" ", 3)[1]);
        }

        String header(String name) {
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        String json() {
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            return body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
        }
    }
}
