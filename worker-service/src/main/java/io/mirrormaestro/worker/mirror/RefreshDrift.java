package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.settings.RepositoryUrls;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift seen by one project's refresh: the settings GitLab reports for a mirror that differ from its effective
 * settings here, as verify names them. The pairs, group defaults and instances it needs are read once per project
 * refresh, not once per mirror. A mirror whose settings cannot be resolved keeps the drift it has recorded.
 */
final class RefreshDrift {

    private final MirrorContexts contexts;
    private final Map<Long, PairRecord> pairs = new HashMap<>();
    private final Map<Long, List<GroupDefaultsRecord>> defaults = new HashMap<>();
    private final Map<Long, InstanceRecord> instances = new HashMap<>();

    RefreshDrift(MirrorContexts contexts) {
        this.contexts = contexts;
    }

    List<String> of(MirrorRecord mirror, PushMirror gitlab) {
        DesiredSettings wanted = wanted(mirror);
        return wanted == null ? recorded(mirror) : wanted.driftOf(gitlab);
    }

    List<String> of(MirrorRecord mirror, PullMirror gitlab) {
        DesiredSettings wanted = wanted(mirror);
        InstanceRecord source = instances.computeIfAbsent(mirror.sourceInstanceId(), contexts::instance);
        if (wanted == null || source == null) {
            return recorded(mirror);
        }
        String remote = RepositoryUrls.of(source.url(), mirror.sourceProjectPath());
        return wanted.driftOf(gitlab, RepositoryUrls.pointsAt(gitlab.url(), remote));
    }

    static List<String> recorded(MirrorRecord mirror) {
        return mirror.drift() == null ? List.of() : mirror.drift();
    }

    private DesiredSettings wanted(MirrorRecord mirror) {
        PairRecord pair = pairs.computeIfAbsent(mirror.instancePairId(), contexts::pair);
        if (pair == null) {
            return null;
        }
        try {
            return DesiredSettings.resolve(mirror, pair, defaults.computeIfAbsent(pair.id(), contexts::defaults));
        } catch (RuntimeException conflict) {
            return null; // settings that do not resolve stop only the actions that need them
        }
    }
}
