package io.mirrormaestro.launcher;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimGroup;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: two simulated GitLab instances on fixed ports with the same sample groups and projects, tokens with
 * fixed values (so instances registered by an earlier run keep working), registered through the REST API on first
 * start. Instance A runs a current GitLab, B one older than 17.6 (legacy pull-mirror API).
 */
final class DemoEstate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoEstate.class);

    private static final List<String> PROJECTS = List.of(
            "platform/core/api-gateway",
            "platform/core/auth-service",
            "platform/core/billing",
            "platform/observability/dashboards",
            "frontend/web-app",
            "frontend/design-system",
            "infrastructure/terraform-modules",
            "infrastructure/ansible-roles");

    private final GitLabSimulator simulator;
    private final List<Demo> instances;

    private record Demo(String name, String description, SimulatedInstance gitlab, String apiToken) {}

    private DemoEstate(GitLabSimulator simulator, List<Demo> instances) {
        this.simulator = simulator;
        this.instances = instances;
    }

    static DemoEstate start(int portA, int portB) {
        GitLabSimulator simulator = GitLabSimulator.create();
        try {
            Demo a = populate(
                    simulator.addInstance(InstanceOptions.of("gitlab-a").withPort(portA)),
                    "Demo: simulated GitLab 17.8 (Premium)",
                    "a");
            Demo b = populate(
                    simulator.addInstance(
                            InstanceOptions.of("gitlab-b").withPort(portB).withVersion("17.4.1-ee")),
                    "Demo: simulated GitLab 17.4 (Premium, legacy pull-mirror API)",
                    "b");
            log.info(
                    "demo GitLab instances at {} and {}",
                    a.gitlab().baseUrl(),
                    b.gitlab().baseUrl());
            return new DemoEstate(simulator, List.of(a, b));
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static Demo populate(SimulatedInstance gitlab, String description, String suffix) {
        SimUser root = gitlab.createUser("root", true);
        LocalDate expiry = LocalDate.now().plusDays(300);
        String apiToken = gitlab.createPersonalAccessToken(
                root, "mirror-maestro", Set.of("api"), expiry, "demo-" + suffix + "-maestro-api-token");
        for (String project : PROJECTS) {
            gitlab.createProject(project);
        }
        for (String group : List.of("platform", "frontend", "infrastructure")) {
            SimGroup g = gitlab.group(group).orElseThrow();
            gitlab.createGroupAccessToken(
                    g,
                    "mirror-" + group,
                    Set.of("read_repository", "write_repository"),
                    40,
                    expiry,
                    "demo-" + suffix + "-" + group + "-mirror-token");
        }
        return new Demo(gitlab.name(), description, gitlab, apiToken);
    }

    /** Registers the demo instances that the API does not know yet (by name). */
    void register(int apiPort, String username, String password) {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + apiPort;
        String authorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            String existing = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/instances"))
                                    .header("Authorization", authorization)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (Demo demo : instances) {
                if (existing.contains("\"name\":\"" + demo.name() + "\"")) {
                    continue;
                }
                String body = "{\"name\":\"%s\",\"url\":\"%s\",\"token\":\"%s\",\"description\":\"%s\"}"
                        .formatted(demo.name(), demo.gitlab().baseUrl(), demo.apiToken(), demo.description());
                HttpResponse<String> created = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/instances"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 200) {
                    throw new IllegalStateException("registering demo instance " + demo.name() + " failed: "
                            + created.statusCode() + " " + created.body());
                }
                log.info("registered demo instance {}", demo.name());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach api-service to register the demo instances", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
