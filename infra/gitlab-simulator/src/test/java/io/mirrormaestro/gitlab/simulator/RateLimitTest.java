package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    static GitLabSimulator sim;
    static SimulatedInstance gitlab;
    static String first;
    static String second;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        gitlab = sim.addInstance(InstanceOptions.of("limits"));
        SimUser root = gitlab.createUser("root", true);
        first = gitlab.createPersonalAccessToken(root, "first", Set.of("api"), null);
        second = gitlab.createPersonalAccessToken(root, "second", Set.of("api"), null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /**
     * GitLab (self-managed 17.x) sends the RateLimit-* headers with the 429 only: Rack::Attack's throttled_responder
     * adds throttled_response_headers (lib/gitlab/rack_attack.rb); an answer that was let through has none. Retry-After
     * is what is left of the fixed window (period - now % period), not a constant.
     */
    @Test
    void limitPerTokenPerMinuteWithHeadersOnThe429Only() {
        gitlab.faults().setRateLimitPerMinute(3);
        try {
            Http http = new Http(gitlab, first);
            Http.Answer ok = http.get("/api/v4/version");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).isNull();
            assertThat(ok.header("RateLimit-Remaining")).isNull();
            assertThat(ok.header("Retry-After")).isNull();
            http.get("/api/v4/version");
            http.get("/api/v4/version");
            Http.Answer limited = http.get("/api/v4/version");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.body()).isEqualTo("Retry later\n");
            assertThat(limited.header("Content-Type")).startsWith("text/plain");
            long windowLeft = 60 - gitlab.now().getEpochSecond() % 60;
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(windowLeft - 1, windowLeft + 1);
            assertThat(limited.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(limited.header("RateLimit-Observed")).isEqualTo("4");
            assertThat(Long.parseLong(limited.header("RateLimit-Reset")))
                    .isEqualTo((gitlab.now().getEpochSecond() / 60 + 1) * 60);
            assertThat(gitlab.requestLog()).extracting(RequestLogEntry::status).contains(429);

            assertThat(new Http(gitlab, second).get("/api/v4/version").status()).isEqualTo(200);

            gitlab.advanceClock(Duration.ofSeconds(61));
            assertThat(http.get("/api/v4/version").status()).isEqualTo(200);
        } finally {
            gitlab.faults().setRateLimitPerMinute(0);
            gitlab.advanceClock(Duration.ofSeconds(-61));
        }
        assertThat(new Http(gitlab, first).get("/api/v4/version").header("RateLimit-Limit"))
                .isNull();
    }

    /** GitLab.com's edge adds the headers to every answer; the knob imitates it for clients that read them early. */
    @Test
    void headersOnEveryAnswerWhenAsked() {
        gitlab.faults().setRateLimitPerMinute(3);
        gitlab.faults().setRateLimitHeadersOnEveryAnswer(true);
        try {
            Http.Answer ok = new Http(gitlab, second).get("/api/v4/version");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo("2");
        } finally {
            gitlab.faults().reset();
        }
    }

    @Test
    void scriptedFailureCanBeA429() {
        gitlab.faults().failNext("GET", "/projects", 1, 429);
        Http.Answer answer = new Http(gitlab, first).get("/api/v4/projects");
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("60");
    }
}
