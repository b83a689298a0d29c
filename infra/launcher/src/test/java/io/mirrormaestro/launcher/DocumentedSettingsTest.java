package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml is checked by reading it: the images, ports and environment
 * variables must match the settings the services read and README.md documents.
 */
class DocumentedSettingsTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(MM_[A-Z0-9_]+)");
    private static final Pattern ENV_READ = Pattern.compile("\"(MM_[A-Z0-9_]+)\"");

    @Test
    void everySettingAServiceReadsIsDocumentedInTheReadme() throws IOException {
        Set<String> read = new TreeSet<>();
        read.addAll(names(PLACEHOLDER, resource("api-service.yml")));
        read.addAll(names(PLACEHOLDER, resource("worker-service.yml")));
        read.addAll(names(
                ENV_READ,
                Files.readString(
                        ROOT.resolve("infra/launcher/src/main/java/io/mirrormaestro/launcher/LauncherSettings.java"))));

        assertThat(read)
                .contains("MM_HTTP_PORT", "MM_DATA_DIR", "MM_KAFKA_BOOTSTRAP_SERVERS", "MM_MONGODB_URI", "MM_DEMO");
        Set<String> documented = names(Pattern.compile("^\\| `(MM_[A-Z0-9_]+)`", Pattern.MULTILINE), readme());
        assertThat(documented).containsAll(read);
        assertThat(read).as("README documents only settings that exist").containsAll(documented);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dockerComposeRunsTheSameSystemOnRealImages() throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        Map<String, Map<String, Object>> all = (Map<String, Map<String, Object>>) compose.get("services");
        // optional services (Prometheus and Grafana) run only with their profile
        Map<String, Map<String, Object>> services = new java.util.HashMap<>();
        all.forEach((name, service) -> {
            if (service.containsKey("profiles")) {
                assertThat((List<String>) service.get("profiles")).as(name).containsExactly("observability");
            } else {
                services.put(name, service);
            }
        });
        assertThat(services).containsOnlyKeys("kafka", "mongo", "api-service", "worker-service");
        assertThat(all).containsKeys("prometheus", "grafana");
        assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:");
        assertThat((String) services.get("mongo").get("image")).startsWith("mongo:");
        assertThat((List<String>) services.get("mongo").get("command")).contains("--replSet");
        assertThat(services.get("api-service").get("ports")).asList().contains("8080:8080");
        for (String name : List.of("kafka", "mongo", "api-service")) {
            assertThat(services.get(name)).as(name).containsKey("healthcheck");
        }
        assertThat(services.get("worker-service")).containsKey("depends_on");
        assertThat(services.get("worker-service")).doesNotContainKey("ports").doesNotContainKey("container_name");

        String api = resource("api-service.yml");
        String worker = resource("worker-service.yml");
        for (String name : List.of("api-service", "worker-service")) {
            Map<String, Object> service = services.get(name);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(ROOT.resolve((String) build.get("dockerfile"))).exists();
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            String config = name.equals("api-service") ? api : worker;
            assertThat(names(PLACEHOLDER, config))
                    .as(name + " reads every variable compose sets")
                    .containsAll(env.keySet());
            assertThat(env).containsKeys("MM_KAFKA_BOOTSTRAP_SERVERS", "MM_MONGODB_URI", "MM_ENCRYPTION_KEY");
            assertThat((String) env.get("MM_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat((String) env.get("MM_MONGODB_URI")).startsWith("mongodb://mongo:27017/");
        }
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DocumentedSettingsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }
}
