package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1, keeping its data in one H2 file, or in memory.
 * It has no transactions, change streams or TTL expiry: nothing in the product may depend on them. Unique and
 * non-unique (compound, sorted) indexes are kept in memory, rebuilt from the file when it opens, and used by queries
 * (see {@link IndexedCollection}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;
    private final H2Backend backend;
    private final int port;

    private EmbeddedMongo(MongoServer server, H2Backend backend, int port) {
        this.server = server;
        this.backend = backend;
        this.port = port;
    }

    /** @param dataFile the H2 file, or {@code null} to keep everything in memory */
    public static EmbeddedMongo start(Path dataFile, int port) {
        H2Backend backend;
        if (dataFile == null) {
            backend = new JobRunrCompatibleH2Backend(null);
        } else {
            try {
                Files.createDirectories(dataFile.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            backend = new JobRunrCompatibleH2Backend(dataFile.toAbsolutePath().toString());
        }
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        int bound = server.getLocalAddress().getPort();
        log.info(
                "MongoDB wire server listening on 127.0.0.1:{}, data in {}",
                bound,
                dataFile == null ? "memory" : dataFile);
        return new EmbeddedMongo(server, backend, bound);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
