package io.mirrormaestro.worker.gitlab;

import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.worker.WorkerSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gitlab4j.api.GitLabApi;
import org.springframework.stereotype.Component;

/**
 * One gitlab4j client per GitLab instance, so every call to an instance shares its connection pool (and, later,
 * its rate limiter). A client is rebuilt when the instance's URL or token changes.
 */
@Component
public class GitLabGateways {

    private final TokenCipher cipher;
    private final WorkerSettings.GitLab settings;
    private final Map<Long, Entry> clients = new ConcurrentHashMap<>();

    GitLabGateways(TokenCipher cipher, WorkerSettings settings) {
        this.cipher = cipher;
        this.settings = settings.gitlab();
    }

    public GitLabApi forInstance(InstanceRecord instance) {
        String fingerprint = instance.url() + "|" + instance.encryptedToken();
        Entry entry = clients.compute(instance.id(), (id, existing) -> {
            if (existing != null && existing.fingerprint().equals(fingerprint)) {
                return existing;
            }
            if (existing != null) {
                existing.api().close();
            }
            GitLabApi api = new GitLabApi(instance.url(), cipher.decrypt(instance.encryptedToken()));
            api.setRequestTimeout((int) settings.connectTimeout().toMillis(), (int)
                    settings.readTimeout().toMillis());
            return new Entry(fingerprint, api);
        });
        return entry.api();
    }

    private record Entry(String fingerprint, GitLabApi api) {}
}
