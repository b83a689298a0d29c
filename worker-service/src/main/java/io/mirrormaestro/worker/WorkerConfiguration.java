package io.mirrormaestro.worker;

import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.common.kafka.SharedConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(SharedConfiguration.class)
class WorkerConfiguration {

    @Bean
    TokenCipher tokenCipher(WorkerSettings settings) {
        return new TokenCipher(TokenKey.resolve(settings.encryptionKey(), settings.dataDir()));
    }
}
