package io.mirrormaestro.api.effective;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.schedule.Schedules;
import io.mirrormaestro.api.token.GroupTokens;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.settings.TokenLookup;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * For a project path (and optionally its counterpart), which token and which settings a new mirror in this pair
 * would get, and where each value comes from.
 */
@Component
class EffectiveSettings {

    private final Pairs pairs;
    private final GroupTokens tokens;
    private final MongoTemplate mongo;
    private final Schedules schedules;

    EffectiveSettings(Pairs pairs, GroupTokens tokens, MongoTemplate mongo, Schedules schedules) {
        this.pairs = pairs;
        this.tokens = tokens;
        this.mongo = mongo;
        this.schedules = schedules;
    }

    /** @param targetPath the counterpart's path; the source's path when null or blank */
    Map<String, Object> resolve(long id, String sourcePath, String targetPath) {
        requireProjectPath("source_project_path", sourcePath);
        String target = targetPath == null || targetPath.isBlank() ? sourcePath : targetPath;
        requireProjectPath("target_project_path", target);
        PairRecord pair = pairs.get(id);
        List<GroupDefaultsRecord> defaults =
                mongo.find(Query.query(where("instance_pair_id").is(id)), GroupDefaultsRecord.class);
        MirrorSettings settings =
                MirrorSettings.resolve(pair, defaults, MirrorSettings.Overrides.NONE, sourcePath, target);
        boolean push = "push".equals(settings.mirrorDirection().value());
        // the URL GitLab stores embeds the other side: the target for push mirrors, the source for pull mirrors
        long urlInstance = push ? pair.targetInstanceId() : pair.sourceInstanceId();
        String urlProject = push ? target : sourcePath;
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("instance_id", urlInstance);
        token.put("project_path", urlProject);
        token.put("candidates", GroupPaths.namespacesOf(urlProject));
        GroupTokenRecord match = TokenLookup.forProject(tokens.list(urlInstance), urlInstance, urlProject)
                .orElse(null);
        token.put("token_id", match == null ? null : match.id());
        token.put("token_name", match == null ? null : match.tokenName());
        token.put("group_path", match == null ? null : match.groupPath());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instance_pair_id", id);
        body.put("source_project_path", sourcePath);
        body.put("target_project_path", target);
        body.put("settings", settings);
        body.put("token", token);
        // sync_schedule, schedule_source, next_scheduled_sync_at, last_scheduled_sync_at, ...
        body.put("schedule", schedules.forNewMirror(id, sourcePath, target));
        return body;
    }

    private static void requireProjectPath(String field, String path) {
        if (path == null || !GroupPaths.PROJECT_PATH.matcher(path).matches()) {
            throw new UnprocessableException(field, "must be a project path such as 'group/project'");
        }
    }
}
