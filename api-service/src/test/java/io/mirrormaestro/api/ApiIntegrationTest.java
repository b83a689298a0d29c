package io.mirrormaestro.api;

import io.mirrormaestro.testing.TestInfrastructure;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One api-service context on real Kafka and MongoDB (containers when Docker answers, the embedded stack otherwise),
 * shared by the integration tests that extend this class.
 */
@SpringBootTest(
        classes = ApiApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + ApiApplication.CONFIG_NAME,
            "mm.api.outbox-interval=PT0.2S",
            "mm.api.outbox-grace=PT1S",
            "mm.api.batch-settle-every=PT1S",
            "mm.api.allow-private-addresses=true",
            // the classes sharing this context fail about ten sign-ins from 127.0.0.1 on purpose: the default 10 a
            // minute would throttle the rest if they ran close together (SignInThrottleTest reads the limit)
            "mm.api.auth.max-failures=" + ApiIntegrationTest.MAX_SIGN_IN_FAILURES,
            "mm.api.auth.username=" + ApiIntegrationTest.USER,
            "mm.api.auth.password=" + ApiIntegrationTest.PASSWORD,
            "mm.api.metrics.password=" + ApiIntegrationTest.METRICS_PASSWORD,
            "mm.api.encryption-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        })
public abstract class ApiIntegrationTest {

    protected static final String USER = "operator";
    protected static final String PASSWORD = "s3cret-test-password";
    protected static final int MAX_SIGN_IN_FAILURES = 40;
    /** The read-only metrics user ({@code metrics}) may scrape {@code /actuator/prometheus} only. */
    protected static final String METRICS_PASSWORD = "scrape-only-test-password";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "api-it-" + UUID.randomUUID());
        registry.add("mm.api.data-dir", () -> System.getProperty("java.io.tmpdir"));
    }

    /** A name no other test (nor an earlier run against the same store) uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
