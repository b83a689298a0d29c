package io.mirrormaestro.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * One part of the system under test as an operating-system process of its own, started again with the same command,
 * environment and data as often as a scenario wants: {@link #kill} is {@code kill -9} (no shutdown hook, no flush),
 * {@link #stop} is a plain {@code kill} (the JVM shuts down cleanly). Output goes to a log file that grows across
 * restarts, so a scenario can look at everything a service ever printed.
 */
final class Proc {

    private final String name;
    private final Supplier<List<String>> command;
    private final Supplier<Map<String, String>> env;
    private final Path log;
    private final String readyLine;
    private Process process;
    private long readyFrom;

    /** @param readyLine a line the process prints once it serves, or null when readiness is checked otherwise */
    Proc(String name, Supplier<List<String>> command, Supplier<Map<String, String>> env, Path log, String readyLine) {
        this.name = name;
        this.command = command;
        this.env = env;
        this.log = log;
        this.readyLine = readyLine;
    }

    String name() {
        return name;
    }

    synchronized Proc start() {
        if (alive()) {
            return this;
        }
        try {
            Files.createDirectories(log.getParent());
            readyFrom = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(
                    log,
                    "---- start " + java.time.Instant.now() + " ----\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command.get()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env.get());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    /** Waits until the process printed its ready line since it was last started. */
    Proc awaitReady(Duration within) {
        if (readyLine != null) {
            Awaitility.await(name + " ready")
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!alive()) {
                            throw new IllegalStateException(name + " exited; see " + log);
                        }
                        return output(readyFrom).contains(readyLine);
                    });
        }
        return this;
    }

    /** {@code kill -9}: the process gets no chance to close anything. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** A plain {@code kill}: shutdown hooks run (Spring closes its context, the embedded servers their files). */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    Path log() {
        return log;
    }

    /** Everything it printed, over all its starts. */
    String output() {
        return output(0);
    }

    private String output(long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + (alive() ? " (pid " + pid() + ")" : " (stopped)");
    }
}
