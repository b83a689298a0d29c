package io.mirrormaestro.worker;

import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.common.kafka.SharedConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
@Import(SharedConfiguration.class)
class WorkerConfiguration {

    /**
     * A poll whose commands could not be claimed or recorded (MongoDB or Kafka away) is delivered again every 5 s
     * until it can be, rather than given up after a few tries: a command whose record stays unclaimed is never sent
     * again by anyone else.
     */
    @Bean
    CommonErrorHandler commandErrorHandler() {
        return new DefaultErrorHandler(new FixedBackOff(5_000, FixedBackOff.UNLIMITED_ATTEMPTS));
    }

    /** Decrypts with the current key and, during a key rotation, falls back to the previous one. */
    @Bean
    TokenCipher tokenCipher(WorkerSettings settings) {
        String previousKey = settings.encryptionKeyPrevious();
        return new TokenCipher(
                TokenKey.resolve(settings.encryptionKey(), settings.dataDir()),
                previousKey == null || previousKey.isBlank() ? null : TokenKey.fromBase64(previousKey));
    }
}
