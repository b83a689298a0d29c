package io.mirrormaestro.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.embedded.FreePorts;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.ServiceJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The system under test, every part a process of its own: the embedded Kafka broker and MongoDB wire server (each
 * from {@link InfraMain}, data in files under the run's directory), the GitLab simulator with two instances
 * ({@code source}, reached through a {@link FlakyProxy}, and {@code target}), api-service and two worker-services
 * from their executable jars, run as the Dockerfiles run them. Ports are chosen once, so every restart comes back at
 * the same addresses with the same data.
 */
final class Stack implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "faults-suite-password";
    static final String SOURCE_TOKEN = "faults-source-admin-token";
    static final String TARGET_TOKEN = "faults-target-admin-token";
    static final String GROUP_TOKEN = "faults-target-group-token";
    static final String GROUP = "suite";

    final Mode mode;
    final Path dir;
    final int kafkaPort = FreePorts.pick();
    final int controllerPort = FreePorts.pick();
    final int mongoPort = FreePorts.pick();
    final int apiPort = FreePorts.pick();
    final int sourcePort = FreePorts.pick();
    final int targetPort = FreePorts.pick();
    final FlakyProxy sourceProxy = new FlakyProxy(FreePorts.pick(), sourcePort);
    final String key = TokenKey.generateBase64();
    final Proc kafka;
    final Proc mongo;
    final Proc simulator;
    final Proc api;
    final List<Proc> workers = new ArrayList<>();
    final Sim source = new Sim(sourcePort);
    final Sim target = new Sim(targetPort);
    private final Path services;
    private final String classpath;
    private final Map<String, String> extraEnv = new HashMap<>();
    private MongoClient mongoClient;
    private boolean closed;
    long sourceId;
    long targetId;
    long pairId;

    Stack(Mode mode, Path dir, Path services, Path classes) {
        this.mode = mode;
        this.dir = dir;
        this.services = services;
        try {
            Files.createDirectories(dir);
            this.classpath = classes
                    + java.io.File.pathSeparator
                    + Files.readString(services.resolve("classpath.txt")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("run 'mvn generate-resources' on infra/faults first", e);
        }
        kafka = infra(
                "kafka",
                List.of(
                        "kafka",
                        String.valueOf(kafkaPort),
                        String.valueOf(controllerPort),
                        dir.resolve("kafka").toString()));
        mongo = infra(
                "mongo",
                List.of(
                        "mongo",
                        String.valueOf(mongoPort),
                        dir.resolve("mongo/store.h2").toString()));
        simulator = new Proc(
                "simulator",
                () -> javaCommand(
                        List.of("-cp", classpath),
                        "io.mirrormaestro.gitlab.simulator.SimulatorMain",
                        List.of("--seed", seedFile().toString(), "--allow-local-requests")),
                Map::of,
                dir.resolve("logs/simulator.log"),
                null);
        api = service("api", "api-service.jar", "Started ApiApplication");
        workers.add(service("worker-1", "worker-service.jar", "Started WorkerApplication"));
        workers.add(service("worker-2", "worker-service.jar", "Started WorkerApplication"));
    }

    /** Environment given to every service on its next start (log levels for the canary, say). */
    void env(String name, String value) {
        extraEnv.put(name, value);
    }

    void clearEnv(String name) {
        extraEnv.remove(name);
    }

    private Proc infra(String name, List<String> args) {
        return new Proc(
                name,
                // the long scenarios leave some 200,000 documents (12,000 mirrors, their commands, jobs and activity)
                // whose indexes the embedded store keeps on its heap: at 512 MB it spent the load scenario in GC
                () -> javaCommand(
                        List.of("-cp", classpath, mode.isLong() ? "-Xmx1g" : "-Xmx512m"),
                        InfraMain.class.getName(),
                        args),
                Map::of,
                dir.resolve("logs/" + name + ".log"),
                "READY");
    }

    /** Another api-service on the same Kafka and MongoDB, with some settings of its own. */
    Proc extraApi(String name, Map<String, String> overrides) {
        return service(name, "api-service.jar", "Started ApiApplication", overrides);
    }

    private Proc service(String name, String jar, String readyLine) {
        return service(name, jar, readyLine, Map.of());
    }

    private Proc service(String name, String jar, String readyLine, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("MM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("MM_MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/faults");
        env.put("MM_ENCRYPTION_KEY", key);
        env.put("MM_DATA_DIR", dir.resolve("data-" + name).toString());
        env.put("MM_AUTH_USERNAME", USER);
        env.put("MM_AUTH_PASSWORD", PASSWORD);
        env.put("MM_ALLOW_PRIVATE_ADDRESSES", "true"); // the simulated GitLab instances are on loopback
        env.put("MM_HTTP_PORT", String.valueOf(apiPort));
        env.put("MM_WORKER_LEASE", "PT10S");
        env.put("MM_RETRY_INITIAL_BACKOFF", "PT0.5S");
        env.put("MM_RETRY_MAX_BACKOFF", "PT4S");
        env.put("MM_GITLAB_CONNECT_TIMEOUT", "PT2S");
        env.put("MM_GITLAB_READ_TIMEOUT", "PT3S");
        env.put("MM_OUTBOX_GRACE", "PT3S");
        env.put("MM_OUTBOX_INTERVAL", "PT1S");
        env.put("MM_JOBRUNR_DATABASE", "faults-jobs");
        env.putAll(overrides);
        List<String> args = new ArrayList<>();
        if (!mode.isLong()) {
            // a killed member's partitions move on after 10 s instead of Kafka's 45 s default
            args.add("--spring.kafka.consumer.properties.session.timeout.ms=10000");
            args.add("--spring.kafka.consumer.properties.heartbeat.interval.ms=2000");
        }
        return new Proc(
                name,
                () -> {
                    List<String> command = javaCommand(ServiceJvm.OPTIONS, null, List.of());
                    command.add("-jar");
                    command.add(services.resolve(jar).toString());
                    command.addAll(args);
                    return command;
                },
                () -> {
                    Map<String, String> current = new HashMap<>(env);
                    current.putAll(extraEnv); // what the scenario changed since (log levels, say)
                    return current;
                },
                dir.resolve("logs/" + name + ".log"),
                readyLine);
    }

    private static List<String> javaCommand(List<String> options, String main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        if (main != null) {
            command.add(main);
        }
        command.addAll(args);
        return command;
    }

    private Path seedFile() {
        Path seed = dir.resolve("seed.json");
        if (!Files.exists(seed)) {
            Map<String, Object> sourceSeed = new HashMap<>();
            sourceSeed.put("name", "source");
            sourceSeed.put("port", sourcePort);
            sourceSeed.put("users", List.of(Map.of("username", "root", "admin", true)));
            sourceSeed.put(
                    "tokens",
                    List.of(Map.of(
                            "type",
                            "personal",
                            "user",
                            "root",
                            "name",
                            "maestro",
                            "scopes",
                            List.of("api"),
                            "token",
                            SOURCE_TOKEN)));
            sourceSeed.put("groups", List.of(Map.of("path", GROUP)));
            Map<String, Object> targetSeed = new HashMap<>();
            targetSeed.put("name", "target");
            targetSeed.put("port", targetPort);
            targetSeed.put("users", List.of(Map.of("username", "root", "admin", true)));
            targetSeed.put("groups", List.of(Map.of("path", GROUP)));
            targetSeed.put(
                    "tokens",
                    List.of(
                            Map.of(
                                    "type",
                                    "personal",
                                    "user",
                                    "root",
                                    "name",
                                    "maestro",
                                    "scopes",
                                    List.of("api"),
                                    "token",
                                    TARGET_TOKEN),
                            Map.of(
                                    "type",
                                    "group",
                                    "group",
                                    GROUP,
                                    "name",
                                    "bot",
                                    "scopes",
                                    List.of("write_repository"),
                                    "access_level",
                                    40,
                                    "token",
                                    GROUP_TOKEN)));
            try {
                Files.writeString(
                        seed, ApiClient.JSON.writeValueAsString(Map.of("instances", List.of(sourceSeed, targetSeed))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seed;
    }

    /** Starts every part and registers the two GitLab instances, the pair and the group token once. */
    Stack start() {
        // the processes are not the suite's children in the JVM's sense: stop them however the suite ends
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "faults-stack-stop"));
        sourceProxy.up();
        simulator.start();
        kafka.start();
        mongo.start();
        Awaitility.await("simulator up")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> source.up() && target.up());
        kafka.awaitReady(Duration.ofSeconds(90));
        mongo.awaitReady(Duration.ofSeconds(60));
        startServices();
        Http http = http();
        sourceId = id(http.post(
                "/api/instances",
                "{\"name\":\"source\",\"url\":\"http://127.0.0.1:" + sourceProxy.port() + "\",\"token\":\""
                        + SOURCE_TOKEN + "\"}"));
        targetId = id(http.post(
                "/api/instances",
                "{\"name\":\"target\",\"url\":\"http://127.0.0.1:" + targetPort + "\",\"token\":\"" + TARGET_TOKEN
                        + "\"}"));
        pairId = id(http.post(
                "/api/pairs",
                "{\"name\":\"faults\",\"source_instance_id\":" + sourceId + ",\"target_instance_id\":" + targetId
                        + ",\"mirror_direction\":\"push\"}"));
        id(http.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + targetId + ",\"group_path\":\"" + GROUP
                        + "\",\"token_name\":\"bot\",\"token\":\"" + GROUP_TOKEN + "\"}"));
        return this;
    }

    /** api-service and both workers, in parallel, until each says it started. */
    void startServices() {
        api.start();
        workers.forEach(Proc::start);
        api.awaitReady(Duration.ofSeconds(180));
        workers.forEach(w -> w.awaitReady(Duration.ofSeconds(180)));
    }

    /** Every part but GitLab, {@code kill -9}, as when the machine running the one-command system dies. */
    void killAll() {
        api.kill();
        workers.forEach(Proc::kill);
        kafka.kill();
        mongo.kill();
    }

    /** Starts again whatever is not running, with the same data. */
    void restartAll() {
        if (!kafka.alive()) {
            kafka.start();
        }
        if (!mongo.alive()) {
            mongo.start();
        }
        kafka.awaitReady(Duration.ofSeconds(90));
        mongo.awaitReady(Duration.ofSeconds(60));
        if (!api.alive()) {
            api.start();
        }
        workers.stream().filter(w -> !w.alive()).forEach(Proc::start);
        api.awaitReady(Duration.ofSeconds(180));
        workers.forEach(w -> w.awaitReady(Duration.ofSeconds(180)));
    }

    Http http() {
        return new Http(apiPort, USER, PASSWORD);
    }

    ApiClient api() {
        return new ApiClient(apiPort, USER, PASSWORD);
    }

    /** The product's database, read directly: what is stored, whatever the API shows. */
    synchronized MongoDatabase store() {
        if (mongoClient == null) {
            mongoClient = MongoClients.create("mongodb://127.0.0.1:" + mongoPort
                    + "/?serverSelectionTimeoutMS=10000&uuidRepresentation=standard");
        }
        return mongoClient.getDatabase("faults");
    }

    MongoClient mongoClient() {
        store();
        return mongoClient;
    }

    /** Which worker process ran a command last: the command record names it as {@code pid@host}. */
    Proc workerByPid(String pidAtHost) {
        long pid = Long.parseLong(pidAtHost.substring(0, pidAtHost.indexOf('@')));
        return workers.stream().filter(w -> w.pid() == pid).findFirst().orElse(null);
    }

    List<Proc> all() {
        List<Proc> all = new ArrayList<>(List.of(kafka, mongo, simulator, api));
        all.addAll(workers);
        return all;
    }

    private static long id(Http.Answer answer) {
        if (answer.status() < 200 || answer.status() > 299) {
            throw new IllegalStateException("set-up refused: " + answer.status() + " " + answer.body());
        }
        return answer.json().path("id").asLong();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (mongoClient != null) {
            mongoClient.close();
        }
        api.stop();
        workers.forEach(Proc::stop);
        kafka.stop();
        mongo.stop();
        simulator.stop();
        sourceProxy.close();
    }
}
