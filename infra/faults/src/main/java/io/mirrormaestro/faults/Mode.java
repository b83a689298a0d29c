package io.mirrormaestro.faults;

import java.time.Duration;

/**
 * How big and how long: {@code short} runs in every build (small imports, short outages, tighter timeouts so that
 * recovery fits a CI budget); {@code long} runs by hand with the figures (imports of 2,000, outages of 30 s,
 * an instance down for a minute, the load scenario) and the services' default Kafka session timeout.
 */
record Mode(
        String name,
        int importSize,
        int syncSize,
        Duration outage,
        Duration instanceDown,
        int stormSize,
        int fuzzTries,
        boolean load,
        int loadImport,
        int loadClients,
        Duration loadFor,
        Duration settle) {

    static Mode of(String name) {
        return name.equals("long")
                ? new Mode(
                        "long",
                        2000,
                        2000,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        300,
                        1000,
                        true,
                        5000,
                        50,
                        Duration.ofSeconds(60),
                        Duration.ofMinutes(10))
                : new Mode(
                        "short",
                        100,
                        100,
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8),
                        60,
                        200,
                        false,
                        0,
                        0,
                        Duration.ZERO,
                        Duration.ofMinutes(3));
    }

    boolean isLong() {
        return name.equals("long");
    }
}
