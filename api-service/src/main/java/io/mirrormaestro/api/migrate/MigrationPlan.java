package io.mirrormaestro.api.migrate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mirrormaestro.api.gitlab.GitLabProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What moving a backup over does, item by item: the answer of a dry run and, with the ids given, of the real run.
 *
 * <p>Instance actions: {@code create}, {@code existing} (its URL is registered here already: that instance is used,
 * its token kept), {@code conflict}. Pair actions: {@code create}, {@code existing} (a pair of that name between the
 * same instances in the same direction), {@code conflict}. Mirror actions: {@code adopt} (the GitLab mirror the
 * original created exists and points at the right project: it is recorded, nothing is created in GitLab),
 * {@code create} (GitLab lost it: a new one is created with the mirror's own token), {@code existing} (moved over
 * before), {@code conflict}. Conflicts are never written; what depends on one is a conflict too.
 */
record MigrationPlan(
        boolean dryRun,
        Map<String, Object> archive,
        List<InstanceItem> instances,
        List<PairItem> pairs,
        List<MirrorItem> mirrors,
        List<String> notes) {

    static final String CREATE = "create";
    static final String EXISTING = "existing";
    static final String ADOPT = "adopt";
    static final String CONFLICT = "conflict";

    record InstanceItem(
            long originalId,
            String name,
            String originalUrl,
            String url,
            String action,
            String detail,
            Long id,
            @JsonIgnore OriginalBackup.Instance source,
            @JsonIgnore GitLabProbe.InstanceFacts facts) {

        InstanceItem withId(long newId) {
            return new InstanceItem(originalId, name, originalUrl, url, action, detail, newId, source, facts);
        }
    }

    record PairItem(
            long originalId,
            String name,
            String direction,
            long originalSourceInstanceId,
            long originalTargetInstanceId,
            String action,
            String detail,
            Long id,
            @JsonIgnore OriginalBackup.Pair source) {

        PairItem withId(long newId) {
            return new PairItem(
                    originalId,
                    name,
                    direction,
                    originalSourceInstanceId,
                    originalTargetInstanceId,
                    action,
                    detail,
                    newId,
                    source);
        }
    }

    /**
     * @param gitlabMirrorId the GitLab mirror adopted (push: the remote mirror's id), or what the backup named
     * @param token how the mirror authenticates after the move: its own project access token, or group tokens
     */
    record MirrorItem(
            long originalId,
            long originalPairId,
            String sourceProjectPath,
            String targetProjectPath,
            String direction,
            Long gitlabMirrorId,
            String action,
            String detail,
            String token,
            Long id,
            @JsonIgnore OriginalBackup.Mirror source,
            @JsonIgnore Long sourceProjectId,
            @JsonIgnore Long targetProjectId,
            @JsonIgnore GitLabProbe.ExistingMirror observed) {

        MirrorItem withId(long newId) {
            return new MirrorItem(
                    originalId,
                    originalPairId,
                    sourceProjectPath,
                    targetProjectPath,
                    direction,
                    gitlabMirrorId,
                    action,
                    detail,
                    token,
                    newId,
                    source,
                    sourceProjectId,
                    targetProjectId,
                    observed);
        }
    }

    /** The answer's body. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dry_run", dryRun);
        body.put("archive", archive);
        body.put("summary", summary());
        body.put("conflicts", conflicts());
        body.put("instances", instances);
        body.put("pairs", pairs);
        body.put("mirrors", mirrors);
        body.put("notes", notes);
        return body;
    }

    /** Per kind of item, how many of each action. */
    Map<String, Map<String, Long>> summary() {
        Map<String, Map<String, Long>> summary = new LinkedHashMap<>();
        summary.put(
                "instances", count(instances.stream().map(InstanceItem::action).toList()));
        summary.put("pairs", count(pairs.stream().map(PairItem::action).toList()));
        summary.put("mirrors", count(mirrors.stream().map(MirrorItem::action).toList()));
        return summary;
    }

    long conflicts() {
        return instances.stream().filter(i -> i.action().equals(CONFLICT)).count()
                + pairs.stream().filter(p -> p.action().equals(CONFLICT)).count()
                + mirrors.stream().filter(m -> m.action().equals(CONFLICT)).count();
    }

    private static Map<String, Long> count(List<String> actions) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String action : List.of(CREATE, ADOPT, EXISTING, CONFLICT)) {
            long n = actions.stream().filter(action::equals).count();
            if (n > 0 || !action.equals(ADOPT)) {
                counts.put(action, n);
            }
        }
        return counts;
    }
}
