package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user tasks of the web app, done in Debian's headless Chromium against the whole system: the demo estate in an
 * embedded Kafka and MongoDB, both services, two simulated GitLabs. The scenarios themselves are in
 * {@code ui/e2e/*.e2e.mjs} (playwright-core, node's test runner); this test starts the system, runs them and fails
 * with their output when any fails. It never skips: CI installs Chromium ({@code .ci/run}).
 */
class BrowserScenariosTest {

    private static final Path UI = Path.of("../../ui").toAbsolutePath().normalize();
    private static final Duration SCENARIOS_TIMEOUT = Duration.ofMinutes(12);

    /** Projects under {@code bulk/} on both instances, for the import scenarios (two files of 200 lines). */
    static final int BULK_PROJECTS = 400;

    @Test
    void everyUserScenarioPassesInChromium() throws Exception {
        List<String> scenarios = scenarioFiles();
        assertThat(scenarios).as("scenario files in %s", UI.resolve("e2e")).isNotEmpty();
        // small chunks and GitLab at 60 ms, so an import of 200 runs for a few seconds: long enough to watch and cancel
        Map<String, Object> settings =
                TestSystem.settings(Map.of("mm.api.batch-chunk", "10", "mm.api.batch-window", "20"));
        try (DemoSystem demo = DemoSystem.start(settings)) {
            prepareBulkProjects(demo);
            List<String> command =
                    new ArrayList<>(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec"));
            command.addAll(scenarios);
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(UI.toFile()).redirectErrorStream(true);
            builder.environment().put("MM_E2E_BASE_URL", demo.baseUrl());
            builder.environment().put("MM_E2E_USERNAME", DemoSystem.USERNAME);
            builder.environment().put("MM_E2E_PASSWORD", DemoSystem.PASSWORD);
            builder.environment()
                    .put(
                            "MM_E2E_ARTIFACTS",
                            Path.of("target/e2e").toAbsolutePath().toString());
            builder.environment().put("NO_COLOR", "1");
            Process node = builder.start();
            List<String> output = new ArrayList<>();
            Thread pump = new Thread(() -> pump(node, output), "e2e-output");
            pump.setDaemon(true);
            pump.start();
            boolean finished = node.waitFor(SCENARIOS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            pump.join(5_000);
            assertThat(finished)
                    .as("scenarios finished within %s", SCENARIOS_TIMEOUT)
                    .isTrue();
            assertThat(node.exitValue())
                    .as("browser scenarios (screenshots of failures in infra/launcher/target/e2e):%n%s", tail(output))
                    .isZero();
        }
    }

    private static List<String> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(UI.resolve("e2e"))) {
            return files.map(p -> UI.relativize(p).toString())
                    .filter(name -> name.endsWith(".e2e.mjs"))
                    // -De2e.only=mirrors runs the files whose name contains it, for a quicker round while developing
                    .filter(name -> name.contains(System.getProperty("e2e.only", "")))
                    .sorted()
                    .toList();
        }
    }

    private static void prepareBulkProjects(DemoSystem demo) {
        ApiClient api = new ApiClient(demo.port(), DemoSystem.USERNAME, DemoSystem.PASSWORD);
        for (String name : List.of("gitlab-a", "gitlab-b")) {
            SimulatedInstance gitlab = demo.estate().gitlab(name);
            for (int i = 0; i < BULK_PROJECTS; i++) {
                gitlab.createProject("bulk/project-%03d".formatted(i));
            }
            // mirrored one by one through the create dialog's project pickers
            gitlab.createProject("bulk/picked-service");
            gitlab.createProject("bulk/keyboard-service");
            // pushed into legacy/, whose group token on gitlab-b can only read: GitLab fails its sync
            gitlab.createProject("legacy/e2e-doomed");
            String token = gitlab.createGroupAccessToken(
                    gitlab.group("bulk").orElseThrow(),
                    "mirror-bulk",
                    Set.of("read_repository", "write_repository"),
                    40,
                    LocalDate.now().plusDays(200));
            long instanceId = api.get("/api/instances")
                    .body()
                    .valueStream()
                    .filter(i -> i.path("name").asString().equals(name))
                    .findFirst()
                    .orElseThrow()
                    .path("id")
                    .asLong();
            ApiClient.Response created = api.post(
                    "/api/tokens",
                    ApiClient.JSON.writeValueAsString(Map.of(
                            "gitlab_instance_id",
                            instanceId,
                            "group_path",
                            "bulk",
                            "token_name",
                            "mirror-bulk",
                            "token",
                            token)));
            assertThat(created.status()).as(created.text()).isEqualTo(200);
            gitlab.faults().setLatency(Duration.ofMillis(60), Duration.ZERO);
        }
    }

    private static void pump(Process node, List<String> output) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[e2e] " + line);
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            System.out.println("[e2e] output stopped: " + e);
        }
    }

    private static String tail(List<String> output) {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 200), output.size()));
        }
    }
}
