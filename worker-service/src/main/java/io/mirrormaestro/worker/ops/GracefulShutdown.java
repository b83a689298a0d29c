package io.mirrormaestro.worker.ops;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * On SIGTERM the command consumers stop polling and the poll in hand runs to its end (its offsets are committed only
 * then), for up to {@code MM_SHUTDOWN_TIMEOUT} rather than spring-kafka's 10 s. A command still running after that
 * keeps its lease and mirror lock; another worker takes it over when they end, and the uncommitted poll is
 * delivered again, where the command records' claims make the repeat harmless.
 */
@Configuration(proxyBeanMethods = false)
class GracefulShutdown {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> finishThePollOnShutdown(
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:PT30S}") Duration timeout) {
        return container -> container.getContainerProperties().setShutdownTimeout(timeout.toMillis());
    }
}
