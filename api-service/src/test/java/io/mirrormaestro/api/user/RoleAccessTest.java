package io.mirrormaestro.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What each role may do, endpoint by endpoint: a refused request is a 403 problem+json; an allowed one passes
 * authorization (whatever it answers then: bad input here is mostly a 4xx of its own, never 401 or 403).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAccessTest extends ApiIntegrationTest {

    private static final String OPERATOR_NAME = "role-test-operator";
    private static final String VIEWER_NAME = "role-test-viewer";
    private static final String ROLE_PASSWORD = "role-test-password";

    @LocalServerPort
    int port;

    @BeforeAll
    void users() {
        Browser admin = new Browser(port).basic(USER, PASSWORD);
        for (String[] user : List.of(new String[] {OPERATOR_NAME, "operator"}, new String[] {VIEWER_NAME, "viewer"})) {
            int status = admin.post(
                            "/api/users",
                            "{\"username\":\"" + user[0] + "\",\"password\":\"" + ROLE_PASSWORD + "\",\"role\":\""
                                    + user[1] + "\"}")
                    .status();
            assertThat(status).isIn(201, 409);
        }
    }

    /** method, path, body, the least role that may. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/instances", null, "viewer"),
                Arguments.of("GET", "/api/pairs", null, "viewer"),
                Arguments.of("GET", "/api/mirrors", null, "viewer"),
                Arguments.of("GET", "/api/tokens", null, "viewer"),
                Arguments.of("GET", "/api/group-defaults", null, "viewer"),
                Arguments.of("GET", "/api/batches", null, "viewer"),
                Arguments.of("GET", "/api/activity", null, "viewer"),
                Arguments.of("GET", "/api/dashboard/quick-stats", null, "viewer"),
                Arguments.of("GET", "/api/topology", null, "viewer"),
                Arguments.of("GET", "/api/search?q=x", null, "viewer"),
                Arguments.of("GET", "/api/auth/me", null, "viewer"),
                Arguments.of("GET", "/api/users/me/tokens", null, "viewer"),
                Arguments.of("POST", "/api/users/me/tokens", "{\"name\":\"\"}", "viewer"),
                Arguments.of("GET", "/api/users/me", null, "viewer"),
                Arguments.of("PUT", "/api/users/me/password", "{}", "viewer"),
                Arguments.of("POST", "/api/instances", "{}", "operator"),
                Arguments.of("PUT", "/api/instances/999999", "{}", "operator"),
                Arguments.of("DELETE", "/api/instances/999999", null, "operator"),
                Arguments.of("POST", "/api/instances/999999/check", null, "operator"),
                Arguments.of("POST", "/api/pairs", "{}", "operator"),
                Arguments.of("DELETE", "/api/pairs/999999", null, "operator"),
                Arguments.of("POST", "/api/tokens", "{}", "operator"),
                Arguments.of("POST", "/api/group-defaults", "{}", "operator"),
                Arguments.of("POST", "/api/mirrors", "{}", "operator"),
                Arguments.of("PUT", "/api/mirrors/999999", "{}", "operator"),
                Arguments.of("DELETE", "/api/mirrors/999999", null, "operator"),
                Arguments.of("POST", "/api/mirrors/999999/update", null, "operator"),
                Arguments.of("POST", "/api/mirrors/refresh", "{}", "operator"),
                Arguments.of("POST", "/api/mirrors/batch", "{}", "operator"),
                Arguments.of("POST", "/api/batches/nope/cancel", null, "operator"),
                Arguments.of("GET", "/api/users", null, "admin"),
                Arguments.of("POST", "/api/users", "{}", "admin"),
                Arguments.of("PUT", "/api/users/nobody/role", "{}", "admin"),
                Arguments.of("DELETE", "/api/users/nobody", null, "admin"),
                Arguments.of("POST", "/api/backup", "{}", "admin"),
                Arguments.of("POST", "/api/backup/restore", "{}", "admin"),
                Arguments.of("POST", "/api/migrate/original", "{}", "admin"),
                Arguments.of("GET", "/actuator/prometheus", null, "admin"));
    }

    private static final List<String> ROLES = List.of("viewer", "operator", "admin");

    static Stream<Arguments> cases() {
        return endpoints().flatMap(e -> ROLES.stream().map(role -> {
            Object[] a = e.get();
            return Arguments.of(role, a[0], a[1], a[2], ROLES.indexOf(role) >= ROLES.indexOf((String) a[3]));
        }));
    }

    @ParameterizedTest(name = "{0} {1} {2} allowed={4}")
    @MethodSource("cases")
    void eachRoleMayDoWhatItsRoleAllows(String role, String method, String path, String body, boolean allowed) {
        Browser client =
                switch (role) {
                    case "viewer" -> new Browser(port).basic(VIEWER_NAME, ROLE_PASSWORD);
                    case "operator" -> new Browser(port).basic(OPERATOR_NAME, ROLE_PASSWORD);
                    default -> new Browser(port).basic(USER, PASSWORD);
                };

        Browser.Answer answer = client.send(method, path, body);

        if (allowed) {
            assertThat(answer.status()).as(answer.raw().body()).isNotIn(401, 403);
        } else {
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().get("detail").asString()).contains("role");
        }
    }
}
