package io.mirrormaestro.launcher;

import io.mirrormaestro.testing.ApiClient;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/** A STOMP client subscribed to the activity topic, as the browser UI is. */
final class ActivitySubscriber implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StompSession session;

    ActivitySubscriber(int port) throws Exception {
        this(port, "/topic/activity");
    }

    /** @param topic subscribed at once; null to subscribe later with {@link #subscribe} */
    ActivitySubscriber(int port, String topic) throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JacksonJsonMessageConverter());
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.add("Authorization", ApiClient.basic(ApiClient.USER, ApiClient.PASSWORD));
        session = client.connectAsync("ws://127.0.0.1:" + port + "/ws", handshake, new StompSessionHandlerAdapter() {})
                .get(10, TimeUnit.SECONDS);
        if (topic != null) {
            subscribe(topic);
        }
    }

    void subscribe(String topic) {
        session.subscribe(topic, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                received.add((JsonNode) payload);
            }
        });
    }

    List<JsonNode> forCommand(String commandId) {
        return received.stream()
                .filter(e -> commandId.equals(e.path("command_id").asString()))
                .toList();
    }

    List<JsonNode> all() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
