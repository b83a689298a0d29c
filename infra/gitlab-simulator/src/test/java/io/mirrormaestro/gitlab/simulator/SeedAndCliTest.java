package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.gitlab.simulator.seed.SeedReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedAndCliTest {

    @Test
    void multiInstanceSeedWithPlaceholdersAndExplicitTokens() {
        try (GitLabSimulator sim = GitLabSimulator.create()) {
            List<SeedReport> reports = sim.addInstancesFromSeed(Path.of("examples/demo-seed.json"));
            SimulatedInstance source = sim.instanceByName("source").orElseThrow();
            SimulatedInstance target = sim.instanceByName("target").orElseThrow();
            assertThat(sim.instances()).hasSize(2);
            assertThat(target.options().version()).isEqualTo("16.11.4-ee");
            assertThat(target.options().premium()).isFalse();
            assertThat(target.projectCount()).isEqualTo(1 + 5 * 4);

            Http http = new Http(source, "glpat-source-admin-000001");
            assertThat(http.get("/api/v4/user").json().get("username").asText()).isEqualTo("root");
            assertThat(http.get("/api/v4/projects/platform%2Fcore%2Fapi/remote_mirrors")
                            .json()
                            .get(0)
                            .get("url")
                            .asText())
                    .isEqualTo("http://127.0.0.1:" + target.port() + "/mirror/core/api.git");
            SeedReport sourceReport = reports.get(0);
            assertThat(sourceReport.tokens())
                    .extracting(SeedReport.SeededToken::generated)
                    .containsExactly(false, true, true);
            String botToken = sourceReport.tokens().get(1).value();
            assertThat(new Http(source, botToken)
                            .get("/api/v4/user")
                            .json()
                            .get("bot")
                            .asBoolean())
                    .isTrue();

            // a push from source to target using the target's seeded bot token
            SimProject api = source.project("platform/core/api").orElseThrow();
            long id = source.createPushMirror(
                    api,
                    "http://push-bot:glpat-target-push-000001@127.0.0.1:" + target.port() + "/mirror/core/api.git",
                    true);
            assertThat(http.post("/api/v4/projects/" + api.id() + "/remote_mirrors/" + id + "/sync")
                            .status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(5)).until(() -> !target.receivedMirrorUpdates("mirror/core/api")
                    .isEmpty());
        }
    }

    @Test
    void singleInstanceSeedThroughJavaAndAdminApi() {
        try (GitLabSimulator sim = GitLabSimulator.create()) {
            SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("one"));
            gitlab.seed(new ByteArrayInputStream(
                    """
                    {"users":[{"username":"root","admin":true}],
                     "projects":["a/b/c"],
                     "tokens":[{"user":"root","name":"t","token":"glpat-explicit-value-001"}],
                     "faults":{"rate_limit_per_minute":1000,"rate_limit_headers_on_every_answer":true}}
                    """
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(gitlab.project("a/b/c")).isPresent();
            assertThat(new Http(gitlab, "glpat-explicit-value-001")
                            .get("/api/v4/version")
                            .header("RateLimit-Limit"))
                    .isEqualTo("1000");
            Http admin = new Http(gitlab, null);
            Http.Answer seeded = admin.postJson(
                    "/-/sim/seed",
                    Http.map("projects", List.of("x/y"), "estate", Http.map("groups", 3, "projects_per_group", 2)));
            assertThat(seeded.status()).isEqualTo(200);
            assertThat(gitlab.projectCount()).isEqualTo(2 + 6);
            assertThat(new Http(gitlab, "glpat-explicit-value-001")
                            .get("/api/v4/projects/x%2Fy")
                            .status())
                    .isEqualTo(200);
            assertThatThrownBy(() -> gitlab.seed(
                            new ByteArrayInputStream("{\"instances\":[]}".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void generatorIsDeterministicAndNested() {
        try (GitLabSimulator sim = GitLabSimulator.create()) {
            SimulatedInstance a = sim.addInstance(InstanceOptions.of("a"));
            SimulatedInstance b = sim.addInstance(InstanceOptions.of("b"));
            a.generateEstate(30, 3, 99);
            b.generateEstate(30, 3, 99);
            assertThat(a.projectCount()).isEqualTo(90);
            assertThat(a.stateDump().replaceAll("\"(id|parent_id|resource_id|port|base_url|clock)\" : [^,\\n]+", ""))
                    .contains("/");
            assertThat(a.internalState().groups.values())
                    .anySatisfy(g -> assertThat(g.fullPath).contains("/"));
            assertThat(a.internalState().projects.values().stream()
                            .map(p -> p.pathWithNamespace)
                            .toList())
                    .isEqualTo(b.internalState().projects.values().stream()
                            .map(p -> p.pathWithNamespace)
                            .toList());
        }
    }

    @Test
    void cliArgumentParsing() {
        InstanceOptions options = SimulatorMain.parseInstance("target:8082:16.11.4-ee:free");
        assertThat(options).isEqualTo(new InstanceOptions("target", 8082, "16.11.4-ee", false));
        assertThat(SimulatorMain.parseInstance("source")).isEqualTo(InstanceOptions.of("source"));
        assertThat(SimulatorMain.parseEstate("100:100")).containsExactly(100, 100, 42);
        assertThat(SimulatorMain.parseLatency("50:20")).containsExactly(50L, 20L);
        assertThat(SimulatorMain.parseLatency("50")).containsExactly(50L, 0L);
    }

    @Test
    void instanceOptionsDefaults() {
        InstanceOptions o = InstanceOptions.of("x");
        assertThat(o.port()).isZero();
        assertThat(o.version()).isEqualTo("17.8.2-ee");
        assertThat(o.premium()).isTrue();
        assertThat(o.withPort(9000).withVersion("16.0.0-ee").withPremium(false))
                .isEqualTo(new InstanceOptions("x", 9000, "16.0.0-ee", false));
    }

    @Test
    void instancesAreIndependentAndStopOnClose() {
        SimulatedInstance kept;
        try (GitLabSimulator sim = GitLabSimulator.create()) {
            SimulatedInstance one = sim.addInstance(InstanceOptions.of("one"));
            SimulatedInstance two = sim.addInstance(InstanceOptions.of("two"));
            one.createProject("g/p");
            assertThat(two.project("g/p")).isEmpty();
            assertThat(sim.instanceByPort(two.port())).containsSame(two);
            assertThat(one.createProject("g/q").id())
                    .isNotEqualTo(two.createProject("g/q").id());
            kept = one;
        }
        Http.Answer answer = null;
        try {
            answer = new Http(kept, null).get("/api/v4/version");
        } catch (RuntimeException expected) {
            // connection refused: the instance stopped listening
        }
        assertThat(answer).isNull();
    }
}
