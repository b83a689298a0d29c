package io.mirrormaestro.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * The launcher's settings, read from environment variables (documented in README.md). Kafka and MongoDB are started
 * embedded unless their addresses are given.
 */
record LauncherSettings(
        Path dataDir,
        int httpPort,
        String kafkaBootstrapServers,
        String mongoUri,
        int embeddedKafkaPort,
        int embeddedKafkaControllerPort,
        int embeddedMongoPort,
        boolean demo,
        int demoGitLabPortA,
        int demoGitLabPortB,
        String encryptionKey,
        String authUsername,
        String authPassword,
        String maxHeap) {

    static LauncherSettings from(Map<String, String> env) {
        return new LauncherSettings(
                Path.of(env.getOrDefault("MM_DATA_DIR", "./data"))
                        .toAbsolutePath()
                        .normalize(),
                integer(env, "MM_HTTP_PORT", 8080),
                blankToNull(env.get("MM_KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("MM_MONGODB_URI")),
                integer(env, "MM_EMBEDDED_KAFKA_PORT", 19092),
                integer(env, "MM_EMBEDDED_KAFKA_CONTROLLER_PORT", 19093),
                integer(env, "MM_EMBEDDED_MONGODB_PORT", 27117),
                bool(env, "MM_DEMO", true),
                integer(env, "MM_DEMO_GITLAB_PORT_A", 18081),
                integer(env, "MM_DEMO_GITLAB_PORT_B", 18082),
                blankToNull(env.get("MM_ENCRYPTION_KEY")),
                first(env, "MM_AUTH_USERNAME", "AUTH_USERNAME", "admin"),
                first(env, "MM_AUTH_PASSWORD", "AUTH_PASSWORD", "changeme"),
                heap(env.getOrDefault("MM_MAX_HEAP", "448m")));
    }

    private static String first(Map<String, String> env, String name, String legacyName, String fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            value = blankToNull(env.get(legacyName));
        }
        return value == null ? fallback : value;
    }

    /** A heap size as {@code -Xmx} takes it: digits and a unit (k, m, g), at least 256m. */
    private static String heap(String value) {
        String heap = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!heap.matches("[0-9]{1,7}[kmg]")) {
            throw new IllegalArgumentException("MM_MAX_HEAP must be a size such as 448m or 1g, not '" + value + "'");
        }
        long bytes = Long.parseLong(heap.substring(0, heap.length() - 1))
                << switch (heap.charAt(heap.length() - 1)) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    default -> 30;
                };
        if (bytes < (256L << 20)) {
            throw new IllegalArgumentException("MM_MAX_HEAP must be at least 256m, not '" + value + "'");
        }
        return heap;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), got '" + value + "'");
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }
}
