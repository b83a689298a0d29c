package io.mirrormaestro.gitlab.simulator;

import io.mirrormaestro.gitlab.simulator.seed.SeedReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -cp ... io.mirrormaestro.gitlab.simulator.SimulatorMain [--seed file.json]
 * [--instance name[:port[:version[:premium|free]]]]... [--generate groups:projectsPerGroup[:seed]]
 * [--latency-ms fixed[:jitter]] [--rate-limit perMinute] [--allow-local-requests]}. Like GitLab, instances refuse
 * mirror URLs on loopback (where the other instances listen) unless {@code --allow-local-requests} is given.
 * Runs until interrupted.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> seeds = new ArrayList<>();
        List<InstanceOptions> instances = new ArrayList<>();
        int[] estate = null;
        long[] latency = null;
        Integer rateLimit = null;
        boolean allowLocalRequests = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seeds.add(value(args, ++i));
                case "--instance" -> instances.add(parseInstance(value(args, ++i)));
                case "--generate" -> estate = parseEstate(value(args, ++i));
                case "--latency-ms" -> latency = parseLatency(value(args, ++i));
                case "--rate-limit" -> rateLimit = Integer.parseInt(value(args, ++i));
                case "--allow-local-requests" -> allowLocalRequests = true;
                case "-h", "--help" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    usage(System.err);
                    System.exit(2);
                }
            }
        }
        GitLabSimulator simulator = GitLabSimulator.create();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        List<SeedReport> reports = new ArrayList<>();
        for (String seed : seeds) {
            reports.addAll(simulator.addInstancesFromSeed(Path.of(seed)));
        }
        if (seeds.isEmpty() && instances.isEmpty()) {
            instances.add(InstanceOptions.of("gitlab"));
        }
        for (InstanceOptions options : instances) {
            SimulatedInstance instance = simulator.addInstance(options);
            // a bare instance gets an administrator so it is usable at once
            SimUser root = instance.createUser("root", true);
            String token = instance.createPersonalAccessToken(root, "root-api", Set.of("api"), null);
            reports.add(new SeedReport(
                    instance.name(), List.of(new SeedReport.SeededToken("personal", "root", "root-api", token, true))));
            if (estate != null) {
                instance.generateEstate(estate[0], estate[1], estate[2]);
            }
        }
        for (SimulatedInstance instance : simulator.instances()) {
            if (latency != null) {
                instance.faults().setLatency(Duration.ofMillis(latency[0]), Duration.ofMillis(latency[1]));
            }
            if (rateLimit != null) {
                instance.faults().setRateLimitPerMinute(rateLimit);
            }
            if (allowLocalRequests) {
                instance.setLocalRequestsAllowed(true);
            }
        }
        for (SimulatedInstance instance : simulator.instances()) {
            InstanceOptions o = instance.options();
            System.out.printf(
                    "instance %s %s (version %s, %s, %d projects)%n",
                    o.name(),
                    instance.baseUrl(),
                    o.version(),
                    o.premium() ? "premium" : "free",
                    instance.projectCount());
            for (SeedReport report : reports) {
                if (report.instance().equals(o.name())) {
                    for (SeedReport.SeededToken t : report.tokens()) {
                        System.out.printf("  %s token %s of %s: %s%n", t.type(), t.name(), t.owner(), t.value());
                    }
                }
            }
        }
        System.out.println("GitLab simulator running; admin API under /-/sim on each port. Ctrl-C stops it.");
        stopped.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    static InstanceOptions parseInstance(String spec) {
        String[] parts = spec.split(":");
        InstanceOptions options = InstanceOptions.of(parts[0]);
        if (parts.length > 1 && !parts[1].isEmpty()) {
            options = options.withPort(Integer.parseInt(parts[1]));
        }
        if (parts.length > 2 && !parts[2].isEmpty()) {
            options = options.withVersion(parts[2]);
        }
        if (parts.length > 3) {
            options = options.withPremium(!"free".equalsIgnoreCase(parts[3]));
        }
        return options;
    }

    static int[] parseEstate(String spec) {
        String[] parts = spec.split(":");
        return new int[] {
            Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts.length > 2 ? Integer.parseInt(parts[2]) : 42
        };
    }

    /** "50" or "50:20" (fixed:jitter). */
    static long[] parseLatency(String spec) {
        String[] parts = spec.split(":");
        return new long[] {Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0};
    }

    private static void usage(PrintStream out) {
        out.println("usage: SimulatorMain [--seed file.json]... [--instance name[:port[:version[:premium|free]]]]..."
                + " [--generate groups:projectsPerGroup[:randomSeed]] [--latency-ms fixed[:jitter]]"
                + " [--rate-limit requestsPerMinutePerToken] [--allow-local-requests]");
    }
}
