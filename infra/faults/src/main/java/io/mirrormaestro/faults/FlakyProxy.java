package io.mirrormaestro.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder in front of a simulated GitLab, for what the simulator's own knobs cannot do: an instance that is
 * down (connections refused), and connections reset by the peer (a share of new connections is accepted and closed
 * at once with RST). Listens on 127.0.0.1 on a fixed port, so the address registered in the product stays valid
 * across outages; stops with the suite.
 */
final class FlakyProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong resets = new AtomicLong();
    private volatile double resetRate;
    private volatile ServerSocket server;

    FlakyProxy(int port, int target) {
        this.port = port;
        this.target = target;
    }

    int port() {
        return port;
    }

    long resets() {
        return resets.get();
    }

    /** Share of new connections reset as soon as they are accepted (0 to 1). */
    void resetRate(double rate) {
        this.resetRate = rate;
    }

    synchronized FlakyProxy up() {
        if (server != null) {
            return this;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
        } catch (IOException e) {
            throw new IllegalStateException("proxy cannot listen on " + port, e);
        }
        Thread accept = new Thread(this::accept, "proxy-" + port);
        accept.setDaemon(true);
        accept.start();
        return this;
    }

    /** The instance is down: nothing listens, open connections are cut. */
    synchronized void down() {
        if (server != null) {
            close(server);
            server = null;
        }
        open.forEach(FlakyProxy::close);
        open.clear();
    }

    private void accept() {
        ServerSocket listening = server;
        while (listening != null && !listening.isClosed()) {
            try {
                Socket client = listening.accept();
                if (ThreadLocalRandom.current().nextDouble() < resetRate) {
                    resets.incrementAndGet();
                    client.setSoLinger(true, 0); // RST, not FIN
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (listening.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) != -1) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // the other side went away
                    } finally {
                        close(from);
                        close(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void close(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        down();
    }
}
