package io.mirrormaestro.api.search;

import io.mirrormaestro.api.estate.EstateReads;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.PairRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Case-insensitive substring search, each category limited on the server. The query is matched literally: every
 * regular-expression metacharacter in it is escaped before it reaches MongoDB.
 */
@Component
class Search {

    static final int MAX_LIMIT = 50;

    private final MongoTemplate mongo;
    private final EstateReads reads;

    Search(MongoTemplate mongo, EstateReads reads) {
        this.mongo = mongo;
        this.reads = reads;
    }

    record Results(
            String query,
            long totalCount,
            List<Item> instances,
            List<Item> pairs,
            List<Item> mirrors,
            List<Item> groups) {}

    /** {@code id} is a number, or for a group its path. */
    record Item(String type, Object id, String title, String subtitle, String url) {}

    Results find(String q, int limit) {
        Pattern text = literal(q);
        Map<Long, String> instanceNames = new HashMap<>();
        Query allInstances = new Query();
        allInstances.fields().include("name");
        mongo.find(allInstances, InstanceRecord.class).forEach(i -> instanceNames.put(i.id(), i.name()));

        List<Item> instances = mongo
                .find(
                        matching(text, "name", "url", "description")
                                .with(Sort.by("name"))
                                .limit(limit),
                        InstanceRecord.class)
                .stream()
                .map(i -> new Item("instance", i.id(), i.name(), i.url(), "/instances"))
                .toList();
        List<Item> pairs = mongo
                .find(
                        matching(text, "name", "description")
                                .with(Sort.by("name"))
                                .limit(limit),
                        PairRecord.class)
                .stream()
                .map(p -> new Item(
                        "pair",
                        p.id(),
                        p.name(),
                        p.mirrorDirection() + ": " + instanceNames.get(p.sourceInstanceId()) + " → "
                                + instanceNames.get(p.targetInstanceId()),
                        "/pairs/" + p.id()))
                .toList();
        Query mirrorQuery = matching(text, "source_project_path", "target_project_path")
                .with(Sort.by("source_project_path", "_id"))
                .limit(limit);
        List<Item> mirrors = mongo.find(mirrorQuery, Document.class, MirrorCollection.NAME).stream()
                .map(d -> {
                    long id = EstateReads.number(d, "_id");
                    String source = d.getString("source_project_path");
                    String target = d.getString("target_project_path");
                    return new Item(
                            "mirror",
                            id,
                            source.equals(target) ? source : source + " → " + target,
                            d.getString("mirror_direction") + ": "
                                    + instanceNames.get(EstateReads.number(d, "source_instance_id")) + " → "
                                    + instanceNames.get(EstateReads.number(d, "target_instance_id")),
                            "/mirrors/" + id);
                })
                .toList();
        List<Item> groups = groups(text, limit);
        return new Results(
                q, instances.size() + pairs.size() + mirrors.size() + groups.size(), instances, pairs, mirrors, groups);
    }

    /**
     * Group paths above the mirrors' projects (every level: {@code platform} and {@code platform/core}) that contain
     * the query, with how many mirrors each holds. MongoDB splits the paths and counts.
     */
    private List<Item> groups(Pattern text, int limit) {
        Document prefixes = new Document(
                "$map",
                new Document("input", new Document("$range", List.of(1, new Document("$size", "$parts"))))
                        .append("as", "i")
                        .append(
                                "in",
                                new Document(
                                        "$reduce",
                                        new Document("input", new Document("$slice", List.of("$parts", "$$i")))
                                                .append("initialValue", "")
                                                .append(
                                                        "in",
                                                        new Document(
                                                                "$cond",
                                                                List.of(
                                                                        new Document("$eq", List.of("$$value", "")),
                                                                        "$$this",
                                                                        new Document(
                                                                                "$concat",
                                                                                List.of(
                                                                                        "$$value", "/",
                                                                                        "$$this"))))))));
        // a group path holds the query only if a project path holds it before its last '/': only those mirrors
        Pattern inGroup = Pattern.compile(text.pattern() + ".*/", text.flags());
        List<Document> rows = reads.aggregate(
                MirrorCollection.NAME,
                List.of(
                        new Document(
                                "$match",
                                new Document(
                                        "$or",
                                        List.of(
                                                new Document("source_project_path", inGroup),
                                                new Document("target_project_path", inGroup)))),
                        new Document(
                                "$project",
                                new Document("paths", List.of("$source_project_path", "$target_project_path"))),
                        new Document("$unwind", "$paths"),
                        new Document("$project", new Document("parts", new Document("$split", List.of("$paths", "/")))),
                        new Document("$project", new Document("prefixes", prefixes)),
                        new Document("$unwind", "$prefixes"),
                        new Document("$group", new Document("_id", new Document("g", "$prefixes").append("m", "$_id"))),
                        new Document("$group", new Document("_id", "$_id.g").append("n", new Document("$sum", 1))),
                        new Document("$match", new Document("_id", text)),
                        new Document("$sort", new Document("_id", 1)),
                        new Document("$limit", limit)));
        return rows.stream()
                .map(d -> {
                    String group = d.getString("_id");
                    long n = EstateReads.number(d, "n");
                    return new Item(
                            "group",
                            group,
                            group,
                            n + (n == 1 ? " mirror" : " mirrors"),
                            "/mirrors?group_path=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
                })
                .toList();
    }

    private static Query matching(Pattern text, String... fields) {
        return Query.query(new Criteria()
                .orOperator(java.util.Arrays.stream(fields)
                        .map(f -> Criteria.where(f).regex(text))
                        .toList()));
    }

    /** The query as a case-insensitive pattern that matches it literally (ASCII punctuation escaped one by one). */
    static Pattern literal(String q) {
        return Pattern.compile(q.replaceAll("([!-/:-@\\[-`{-~])", "\\\\$1"), Pattern.CASE_INSENSITIVE);
    }
}
