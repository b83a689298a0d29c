package io.mirrormaestro.faults;

import io.mirrormaestro.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A browser's view of the live topics: a STOMP session over the API's WebSocket that keeps every frame it gets. */
final class Stomp implements AutoCloseable {

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    Stomp(int port, String user, String password, List<String> topics) {
        try {
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Authorization", ApiClient.basic(user, password))
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener())
                    .get(20, TimeUnit.SECONDS);
            socket.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n\n\0", true)
                    .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < topics.size(); i++) {
                socket.sendText("SUBSCRIBE\nid:" + i + "\ndestination:" + topics.get(i) + "\n\n\0", true)
                        .get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the WebSocket", e);
        }
    }

    List<String> frames() {
        return List.copyOf(frames);
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
