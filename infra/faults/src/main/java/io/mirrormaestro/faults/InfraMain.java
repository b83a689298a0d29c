package io.mirrormaestro.faults;

import io.mirrormaestro.embedded.EmbeddedKafka;
import io.mirrormaestro.embedded.EmbeddedMongo;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded Kafka broker or MongoDB wire server as a process of its own, so the suite can kill or stop it apart
 * from the services: {@code kafka <port> <controller port> <dir>} or {@code mongo <port> <data file>}. It prints
 * {@code READY} once it listens and runs until it is stopped (a stop closes it cleanly, a kill does not).
 */
public final class InfraMain {

    private InfraMain() {}

    public static void main(String[] args) throws InterruptedException {
        AutoCloseable server =
                switch (args[0]) {
                    case "kafka" ->
                        EmbeddedKafka.start(Path.of(args[3]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                    case "mongo" -> EmbeddedMongo.start(Path.of(args[2]), Integer.parseInt(args[1]));
                    default -> throw new IllegalArgumentException("kafka or mongo, not " + args[0]);
                };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                System.err.println("close failed: " + e);
                            }
                            stopped.countDown();
                        },
                        "stop"));
        System.out.println("READY");
        stopped.await();
    }
}
