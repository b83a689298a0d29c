package io.mirrormaestro.api;

import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.common.kafka.SharedConfiguration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(SharedConfiguration.class)
class ApiConfiguration {

    @Bean
    TokenCipher tokenCipher(ApiSettings settings) {
        return new TokenCipher(TokenKey.resolve(settings.encryptionKey(), settings.dataDir()));
    }

    /**
     * A send gives up within {@code MM_PUBLISH_TIMEOUT}, leaving the command to the outbox relay: waiting for the
     * broker's metadata ({@code max.block.ms}, 60 s by default, spent inside {@code send} itself), for an answer
     * ({@code request.timeout.ms}) and for delivery as a whole ({@code delivery.timeout.ms}, which Kafka wants at
     * least {@code linger.ms + request.timeout.ms}). So a request never waits longer for an absent Kafka.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer publishTimeouts(ApiSettings settings) {
        return factory -> {
            long timeout = Math.max(1, settings.publishTimeout().toMillis());
            Object configuredLinger = factory.getConfigurationProperties().get(ProducerConfig.LINGER_MS_CONFIG);
            long linger = configuredLinger == null ? 0 : Long.parseLong(configuredLinger.toString());
            factory.updateConfigs(producerTimeouts(timeout, linger));
        };
    }

    static Map<String, Object> producerTimeouts(long timeoutMillis, long lingerMillis) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, timeoutMillis);
        return Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (long) timeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                timeout,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, timeout + lingerMillis));
    }
}
