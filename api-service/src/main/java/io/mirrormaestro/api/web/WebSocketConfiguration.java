package io.mirrormaestro.api.web;

import io.mirrormaestro.api.ApiSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/** STOMP over plain WebSocket at {@code /ws}; browsers subscribe to {@code /topic/...}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    private final ApiSettings settings;

    WebSocketConfiguration(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // same-origin handshakes are always accepted; other browser origins only when configured
        List<String> origins = new ArrayList<>(settings.allowedOrigins());
        registry.addEndpoint("/ws").setAllowedOriginPatterns(origins.toArray(String[]::new));
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic");
        registry.setApplicationDestinationPrefixes("/app");
    }
}
