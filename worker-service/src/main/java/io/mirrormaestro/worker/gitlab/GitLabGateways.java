package io.mirrormaestro.worker.gitlab;

import io.micrometer.core.instrument.MeterRegistry;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.worker.WorkerSettings;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One {@link GitLabGateway} per GitLab instance, so every call to an instance shares its connection pool and its
 * limits. A gateway is rebuilt when the instance's URL or token changes; the instance's limits carry over, so a
 * rebuild never doubles the rate an instance sees.
 */
@Component
public class GitLabGateways {

    private final TokenCipher cipher;
    private final WorkerSettings.GitLab settings;
    private final Map<Long, Entry> gateways = new ConcurrentHashMap<>();
    private final GitLabMetrics metrics;

    GitLabGateways(TokenCipher cipher, WorkerSettings settings, ObjectProvider<MeterRegistry> meters) {
        this.cipher = cipher;
        this.settings = settings.gitlab();
        MeterRegistry registry = meters.getIfAvailable();
        this.metrics = registry == null ? GitLabMetrics.none() : new GitLabMetrics(registry);
    }

    public GitLabGateway forInstance(InstanceRecord instance) {
        String fingerprint = instance.url() + "|" + instance.encryptedToken();
        Entry entry = gateways.compute(instance.id(), (id, existing) -> {
            if (existing != null && existing.fingerprint().equals(fingerprint)) {
                return existing;
            }
            InstanceLimits limits;
            if (existing != null) {
                limits = existing.gateway().limits();
                existing.gateway().close();
            } else {
                limits = InstanceLimits.of(instance.name(), settings);
            }
            GitLabGateway gateway = GitLabGateway.connect(
                    instance.name(),
                    instance.url(),
                    cipher.decrypt(instance.encryptedToken()),
                    settings,
                    limits,
                    metrics);
            return new Entry(fingerprint, gateway);
        });
        return entry.gateway();
    }

    @PreDestroy
    void close() {
        gateways.values().forEach(entry -> entry.gateway().close());
        gateways.clear();
    }

    private record Entry(String fingerprint, GitLabGateway gateway) {}
}
