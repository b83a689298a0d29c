package io.mirrormaestro.api.batch;

import static org.awaitility.Awaitility.await;

import io.mirrormaestro.testing.ApiClient;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/** A STOMP client subscribed to one topic, as a browser page is; it returns once the broker has the subscription. */
public final class TopicSubscriber implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StompSession session;

    public TopicSubscriber(int port, String user, String password, String topic, SimpUserRegistry registry)
            throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JacksonJsonMessageConverter());
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.add("Authorization", ApiClient.basic(user, password));
        session = client.connectAsync("ws://127.0.0.1:" + port + "/ws", handshake, new StompSessionHandlerAdapter() {})
                .get(10, TimeUnit.SECONDS);
        // a subscription id of its own, to find it in the registry: a count would rise late, or never, when a
        // subscriber before it disconnects meanwhile
        StompHeaders subscribe = new StompHeaders();
        subscribe.setDestination(topic);
        subscribe.setId(UUID.randomUUID().toString());
        session.subscribe(subscribe, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                received.add((JsonNode) payload);
            }
        });
        // frames sent before the broker registered the subscription would be lost to this client
        await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findSubscriptions(
                        s -> s.getDestination().equals(topic) && s.getId().equals(subscribe.getId()))
                .isEmpty());
    }

    public List<JsonNode> frames() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
