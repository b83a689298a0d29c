package io.mirrormaestro.api;

import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.crypto.TokenKey;
import io.mirrormaestro.common.kafka.Topics;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TokenCipher tokenCipher(ApiSettings settings) {
        return new TokenCipher(TokenKey.resolve(settings.encryptionKey(), settings.dataDir()));
    }

    @Bean
    NewTopic commandsTopic(@Value("${mm.kafka.command-partitions:12}") int partitions) {
        return TopicBuilder.name(Topics.COMMANDS).partitions(partitions).build();
    }

    @Bean
    NewTopic eventsTopic(@Value("${mm.kafka.event-partitions:6}") int partitions) {
        return TopicBuilder.name(Topics.EVENTS).partitions(partitions).build();
    }
}
