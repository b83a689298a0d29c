package io.mirrormaestro.api.transfer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A pair's mirrors in the original tool's file format: its envelope ({@code pair_id}, {@code pair_name},
 * {@code mirrors[]} with stored overrides, null meaning inherit) plus the {@code metadata} block of its later
 * versions, so the file imports into either.
 */
@Component
class PairExport {

    private final Pairs pairs;
    private final MongoTemplate mongo;
    private final Clock clock;

    PairExport(Pairs pairs, MongoTemplate mongo, Clock clock) {
        this.pairs = pairs;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** @param pairName what the file is named after */
    record File(String pairName, Map<String, Object> content) {}

    /** @param groupPath only mirrors whose source or target project is under this group, or null for all */
    File export(long id, String groupPath) {
        PairRecord pair = pairs.get(id);
        InstanceRecord source = instance(pair.sourceInstanceId());
        InstanceRecord target = instance(pair.targetInstanceId());
        Query query = Query.query(where("instance_pair_id").is(id)).with(Sort.by("_id"));
        if (groupPath != null && !groupPath.isBlank()) {
            Pattern under = Pattern.compile("^" + Pattern.quote(groupPath.trim().replaceAll("/+$", "")) + "/");
            query.addCriteria(new Criteria()
                    .orOperator(
                            where("source_project_path").regex(under),
                            where("target_project_path").regex(under)));
        }
        List<Map<String, Object>> mirrors = mongo.find(query, MirrorRecord.class).stream()
                .map(PairExport::entry)
                .toList();

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("exported_at", clock.instant().toString());
        metadata.put("pair_name", pair.name());
        metadata.put("source_instance_name", source.name());
        metadata.put("source_instance_url", source.url());
        metadata.put("target_instance_name", target.name());
        metadata.put("target_instance_url", target.url());
        metadata.put("mirror_direction", pair.mirrorDirection());
        metadata.put("group_path", groupPath == null || groupPath.isBlank() ? null : groupPath.trim());
        metadata.put("total_mirrors", mirrors.size());
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("metadata", metadata);
        file.put("pair_id", pair.id());
        file.put("pair_name", pair.name());
        file.put("mirrors", mirrors);
        return new File(pair.name(), file);
    }

    private static Map<String, Object> entry(MirrorRecord m) {
        MirrorRecord.Overrides o = m.overrides() == null ? MirrorRecord.Overrides.NONE : m.overrides();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("source_project_path", m.sourceProjectPath());
        entry.put("target_project_path", m.targetProjectPath());
        entry.put("source_project_id", m.sourceProjectId());
        entry.put("target_project_id", m.targetProjectId());
        entry.put("mirror_direction", m.mirrorDirection());
        entry.put("mirror_protected_branches", o.mirrorProtectedBranches());
        entry.put("mirror_overwrite_diverged", o.mirrorOverwriteDiverged());
        entry.put("mirror_trigger_builds", o.mirrorTriggerBuilds());
        entry.put("only_mirror_protected_branches", o.onlyMirrorProtectedBranches());
        entry.put("mirror_branch_regex", o.mirrorBranchRegex());
        entry.put("mirror_user_id", o.mirrorUserId());
        entry.put("enabled", m.enabled());
        return entry;
    }

    private InstanceRecord instance(long id) {
        return Lookups.require(mongo, InstanceRecord.class, id, "instance");
    }
}
