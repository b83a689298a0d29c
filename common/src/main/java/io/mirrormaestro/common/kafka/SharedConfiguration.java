package io.mirrormaestro.common.kafka;

import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** What both services need the same way: the topics they exchange commands and events on, and the clock. */
@Configuration(proxyBeanMethods = false)
public class SharedConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
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
