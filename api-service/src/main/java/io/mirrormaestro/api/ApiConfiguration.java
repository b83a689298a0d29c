package io.mirrormaestro.api;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.common.kafka.SharedConfiguration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
@Import(SharedConfiguration.class)
class ApiConfiguration {

    /**
     * Encrypts with the current key; during a key rotation ({@code MM_ENCRYPTION_KEY_PREVIOUS}) also decrypts what
     * is still sealed under the previous one, until the background re-encryption has rewritten it.
     */
    @Bean
    TokenCipher tokenCipher(ApiSettings settings) {
        String previousKey = settings.encryptionKeyPrevious();
        return new TokenCipher(
                TokenKey.resolve(settings.encryptionKey(), settings.dataDir()),
                previousKey == null || previousKey.isBlank() ? null : TokenKey.fromBase64(previousKey));
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

    /**
     * A request waits at most {@code MM_STORE_TIMEOUT} for MongoDB to be reachable (the driver's server selection, 30 s
     * by default, and its connect timeout): while the database is away, requests answer 503 within it.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts(ApiSettings api) {
        long millis = Math.max(1, api.storeTimeout().toMillis());
        return settings -> settings.applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout((int) millis, TimeUnit.MILLISECONDS));
    }

    /**
     * An event that cannot be stored because MongoDB is away is read again every 2 s until it can be: skipping it after
     * a few quick tries would lose it from the activity log. Anything else is logged and skipped at once, as a bad
     * record must not hold up the events behind it.
     */
    @Bean
    CommonErrorHandler eventErrorHandler() {
        DefaultErrorHandler handler = new DefaultErrorHandler(new FixedBackOff(2_000, FixedBackOff.UNLIMITED_ATTEMPTS));
        handler.defaultFalse();
        handler.addRetryableExceptions(
                DataAccessResourceFailureException.class,
                TransientDataAccessException.class,
                MongoTimeoutException.class,
                MongoSocketException.class);
        return handler;
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
