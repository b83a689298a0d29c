package io.mirrormaestro.gitlab.simulator;

import io.mirrormaestro.gitlab.simulator.http.Json;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.seed.SeedLoader;
import io.mirrormaestro.gitlab.simulator.seed.SeedReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hosts any number of independent simulated GitLab instances in this JVM. Mirrors of one instance
 * can point at another: "the network" is this object.
 *
 * <pre>{@code
 * try (GitLabSimulator sim = GitLabSimulator.create()) {
 *     SimulatedInstance gitlab = sim.addInstance(InstanceOptions.of("source"));
 *     SimUser root = gitlab.createUser("root", true);
 *     String token = gitlab.createPersonalAccessToken(root, "ci", Set.of("api"), null);
 *     // point any GitLab client at gitlab.baseUrl() with that token
 * }
 * }</pre>
 */
public final class GitLabSimulator implements AutoCloseable {
    /** How often deferred mirror updates are checked against the (simulated) clock. */
    private static final long TICK_MILLIS = 20;
    /** Instance k numbers its ids from k * ID_STRIDE, so ids differ across instances. */
    private static final long ID_STRIDE = 100_000;

    private final List<SimulatedInstance> instances = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;

    private GitLabSimulator() {
        this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads());
        scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public static GitLabSimulator create() {
        return new GitLabSimulator();
    }

    /** Starts listening on 127.0.0.1 at once (port 0 picks a free port). */
    public SimulatedInstance addInstance(InstanceOptions options) {
        if (closed) {
            throw new IllegalStateException("simulator closed");
        }
        for (SimulatedInstance existing : instances) {
            if (existing.name().equals(options.name())) {
                throw new IllegalArgumentException("instance name already used: " + options.name());
            }
        }
        long idBase = created.getAndIncrement() * ID_STRIDE;
        SimulatedInstance instance = new SimulatedInstance(options, idBase, scheduler, this::stateByPort, this::portOf);
        instances.add(instance);
        return instance;
    }

    /**
     * Starts every instance of a multi-instance seed document ({"instances":[{"name":..., "port":...,
     * "version":..., "premium":..., "allow_local_requests":..., "users":[...], ...}]}) and seeds them once all ports are known, so
     * mirror URLs can refer to each other with {{port:NAME}} / {{url:NAME}}.
     */
    public List<SeedReport> addInstancesFromSeed(InputStream json) {
        Map<String, Object> doc = Json.readMap(json);
        List<Map<String, Object>> specs = new ArrayList<>();
        if (doc.get("instances") instanceof List<?> list) {
            for (Object o : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) o;
                specs.add(spec);
            }
        } else {
            specs.add(doc);
        }
        List<SimulatedInstance> started = new ArrayList<>();
        for (Map<String, Object> spec : specs) {
            InstanceOptions options = InstanceOptions.of(String.valueOf(spec.getOrDefault("name", "gitlab")));
            if (spec.get("port") instanceof Number port) {
                options = options.withPort(port.intValue());
            }
            if (spec.get("version") != null) {
                options = options.withVersion(String.valueOf(spec.get("version")));
            }
            if (spec.get("premium") instanceof Boolean premium) {
                options = options.withPremium(premium);
            }
            if (spec.get("allow_local_requests") instanceof Boolean allow) {
                options = options.withLocalRequestsAllowed(allow);
            }
            started.add(addInstance(options));
        }
        List<SeedReport> reports = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Map<String, Object> seed = new LinkedHashMap<>(specs.get(i));
            List.of("name", "port", "version", "premium", "allow_local_requests")
                    .forEach(seed::remove);
            reports.add(new SeedLoader(started.get(i), this::portOf).load(seed));
        }
        return reports;
    }

    public List<SeedReport> addInstancesFromSeed(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return addInstancesFromSeed(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<SimulatedInstance> instances() {
        return List.copyOf(instances);
    }

    public Optional<SimulatedInstance> instanceByPort(int port) {
        return instances.stream().filter(i -> i.port() == port).findFirst();
    }

    public Optional<SimulatedInstance> instanceByName(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** Stops one instance; mirrors pointing at its port then fail to connect. */
    public void removeInstance(SimulatedInstance instance) {
        if (instances.remove(instance)) {
            instance.stop();
        }
    }

    @Override
    public void close() {
        closed = true;
        List<SimulatedInstance> all = new ArrayList<>(instances);
        instances.clear();
        all.forEach(SimulatedInstance::stop);
        scheduler.shutdownNow();
    }

    private InstanceState stateByPort(int port) {
        return instanceByPort(port).map(SimulatedInstance::internalState).orElse(null);
    }

    private int portOf(String name) {
        return instanceByName(name)
                .map(SimulatedInstance::port)
                .orElseThrow(() -> new IllegalArgumentException("no instance named " + name));
    }

    private void tick() {
        for (SimulatedInstance instance : instances) {
            try {
                instance.tick();
            } catch (RuntimeException e) {
                // a broken tick must not stop the scheduler thread; the next tick retries
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "gitlab-sim-mirrors-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
