package io.mirrormaestro.worker.ops;

import io.mirrormaestro.worker.WorkerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * On SIGTERM the command consumers stop polling and the poll in hand runs to its end (its offsets are committed only
 * then), for up to {@code MM_SHUTDOWN_TIMEOUT} rather than spring-kafka's 10 s. What happens to the commands
 * themselves (nothing new starts, running ones finish or are handed back) is {@code command.ShutdownHandBack}'s.
 */
@Configuration(proxyBeanMethods = false)
class GracefulShutdown {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> finishThePollOnShutdown(
            WorkerSettings settings) {
        long timeout = settings.shutdownTimeout().toMillis();
        return container -> container.getContainerProperties().setShutdownTimeout(timeout);
    }
}
