package io.mirrormaestro.launcher;

import io.mirrormaestro.api.ApiApplication;
import io.mirrormaestro.worker.WorkerApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * api-service and worker-service started as two separate Spring applications in this JVM: they share no beans and
 * talk only through Kafka and MongoDB, exactly as when they run as separate processes.
 */
public final class MirrorMaestroSystem implements AutoCloseable {

    private final Map<String, Object> common;
    private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    private ConfigurableApplicationContext api;

    /** @param common settings given to both services (Kafka, MongoDB, data dir, encryption key, ...) */
    public MirrorMaestroSystem(Map<String, Object> common) {
        Map<String, Object> settings = new HashMap<>(common);
        // one JVM has one logging system: an application name in each line would name whichever started last
        settings.putIfAbsent("logging.include-application-name", false);
        this.common = Map.copyOf(settings);
    }

    public MirrorMaestroSystem startWorker() {
        workers.add(WorkerApplication.builder()
                .properties("spring.main.banner-mode=off")
                .run(arguments(common)));
        return this;
    }

    public MirrorMaestroSystem startApi(int httpPort) {
        Map<String, Object> props = new HashMap<>(common);
        props.put("server.port", httpPort);
        api = ApiApplication.builder().properties("spring.main.banner-mode=off").run(arguments(props));
        return this;
    }

    /**
     * Starts a worker and api-service at once, the worker in a thread of its own: on two cores the two start-ups
     * (class loading and bean creation, mostly) overlap, and the API is ready sooner than one after the other. If
     * either fails, the other is stopped and the failure thrown.
     */
    public MirrorMaestroSystem startTogether(int httpPort) {
        java.util.concurrent.CompletableFuture<ConfigurableApplicationContext> worker =
                new java.util.concurrent.CompletableFuture<>();
        // each application sets up the JVM's one logging system as it starts: one after the other, or both add
        // their appenders and every line is logged twice
        java.util.concurrent.CountDownLatch loggingReady = new java.util.concurrent.CountDownLatch(1);
        Thread starting = new Thread(
                () -> {
                    try {
                        worker.complete(WorkerApplication.builder()
                                .main(WorkerApplication.class) // not found on this thread's stack
                                .properties("spring.main.banner-mode=off")
                                .listeners((org.springframework.context.ApplicationListener<
                                                org.springframework.boot.context.event.ApplicationPreparedEvent>)
                                        prepared -> loggingReady.countDown())
                                .run(arguments(common)));
                    } catch (Throwable e) {
                        worker.completeExceptionally(e);
                    } finally {
                        loggingReady.countDown();
                    }
                },
                "mm-worker-start");
        starting.start();
        try {
            loggingReady.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        try {
            startApi(httpPort);
        } catch (RuntimeException e) {
            worker.thenAccept(ConfigurableApplicationContext::close);
            throw e;
        }
        try {
            workers.add(worker.join());
        } catch (java.util.concurrent.CompletionException e) {
            stopApi();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return this;
    }

    /** As command-line arguments, so they win over the services' own defaults (environment placeholders). */
    private static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** Stops one worker, as a crash or a deploy would; its scheduled retries stay in MongoDB. */
    public void stopWorker() {
        if (!workers.isEmpty()) {
            workers.remove(workers.size() - 1).close();
        }
    }

    /** Stops api-service, as a crash or a deploy would; the workers go on with the commands they were given. */
    public void stopApi() {
        if (api != null) {
            api.close();
            api = null;
        }
    }

    public int apiPort() {
        return ((WebServerApplicationContext) api).getWebServer().getPort();
    }

    public ConfigurableApplicationContext api() {
        return api;
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        while (!workers.isEmpty()) {
            stopWorker();
        }
    }
}
