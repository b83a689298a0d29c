package io.mirrormaestro.gitlab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Projects and groups endpoints, visibility rules and GitLab's pagination headers. */
class ProjectsAndGroupsTest {
    static GitLabSimulator sim;
    static SimulatedInstance gitlab;
    static String rootToken;
    static String aliceToken;

    @BeforeAll
    static void start() {
        sim = GitLabSimulator.create();
        gitlab = sim.addInstance(InstanceOptions.of("pg"));
        SimUser root = gitlab.createUser("root", true);
        SimUser alice = gitlab.createUser("alice", false);
        rootToken = gitlab.createPersonalAccessToken(root, "root", Set.of("api"), null);
        aliceToken = gitlab.createPersonalAccessToken(alice, "alice", Set.of("api"), null);
        for (int i = 1; i <= 45; i++) {
            gitlab.createProject("platform/core/svc-" + String.format("%02d", i));
        }
        gitlab.createProject("platform/web/site");
        SimProject open = gitlab.createProject("oss/tool");
        gitlab.setVisibility(open, "public");
        gitlab.addMember(gitlab.group("platform/web").orElseThrow(), alice, 30);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Http root() {
        return new Http(gitlab, rootToken);
    }

    @Test
    void offsetPaginationHeadersAndLinks() {
        Http.Answer page2 = root().get("/api/v4/projects?per_page=20&page=2&order_by=id&sort=asc");
        assertThat(page2.status()).isEqualTo(200);
        assertThat(page2.json()).hasSize(20);
        assertThat(page2.header("x-total")).isEqualTo("47");
        assertThat(page2.header("x-total-pages")).isEqualTo("3");
        assertThat(page2.header("x-page")).isEqualTo("2");
        assertThat(page2.header("x-per-page")).isEqualTo("20");
        assertThat(page2.header("x-next-page")).isEqualTo("3");
        assertThat(page2.header("x-prev-page")).isEqualTo("1");
        String link = page2.header("link");
        assertThat(link)
                .contains("rel=\"prev\"", "rel=\"next\"", "rel=\"first\"", "rel=\"last\"")
                .contains(gitlab.baseUrl() + "/api/v4/projects?")
                .contains("order_by=id", "sort=asc", "page=3&per_page=20");

        Http.Answer last = root().get("/api/v4/projects?per_page=20&page=3");
        assertThat(last.json()).hasSize(7);
        assertThat(last.header("x-next-page")).isEmpty();
        assertThat(last.header("link")).doesNotContain("rel=\"next\"");

        Http.Answer beyond = root().get("/api/v4/projects?per_page=20&page=9");
        assertThat(beyond.json()).isEmpty();
        assertThat(beyond.header("x-prev-page")).isEmpty();
        assertThat(beyond.header("x-next-page")).isEmpty();
    }

    @Test
    void perPageDefaultsTo20AndIsCappedAt100() {
        Http.Answer dflt = root().get("/api/v4/projects");
        assertThat(dflt.json()).hasSize(20);
        assertThat(dflt.header("x-per-page")).isEqualTo("20");
        Http.Answer capped = root().get("/api/v4/projects?per_page=500");
        assertThat(capped.header("x-per-page")).isEqualTo("100");
        assertThat(capped.json()).hasSize(47);
    }

    @Test
    void defaultOrderIsNewestFirst() {
        JsonNode first = root().get("/api/v4/projects?per_page=1").json().get(0);
        assertThat(first.get("path_with_namespace").asText()).isEqualTo("oss/tool");
    }

    @Test
    void keysetPaginationReturnsOnlyNextLink() {
        List<Long> ids = new ArrayList<>();
        String next = "/api/v4/projects?pagination=keyset&per_page=20&order_by=id&sort=asc";
        int pages = 0;
        while (next != null) {
            Http.Answer page = root().get(next);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("x-total")).isNull();
            page.json().forEach(p -> ids.add(p.get("id").asLong()));
            String link = page.header("link");
            next = link == null
                    ? null
                    : link.substring(
                            link.indexOf(gitlab.baseUrl().toString())
                                    + gitlab.baseUrl().toString().length(),
                            link.indexOf('>'));
            if (link != null) {
                assertThat(link).contains("id_after=").endsWith("rel=\"next\"");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(47).isSorted().doesNotHaveDuplicates();

        Http.Answer unsupported = root().get("/api/v4/projects?pagination=keyset&order_by=name");
        assertThat(unsupported.status()).isEqualTo(405);
    }

    @Test
    void searchSimpleAndMembershipFilters() {
        JsonNode found =
                root().get("/api/v4/projects?search=svc-1&per_page=100").json();
        assertThat(found).hasSize(10);
        JsonNode simple = root().get("/api/v4/projects?simple=true&search=site").json();
        assertThat(simple).hasSize(1);
        assertThat(simple.get(0).has("namespace")).isTrue();
        assertThat(simple.get(0).has("permissions")).isFalse();
        JsonNode byNamespace = root().get("/api/v4/projects?search=platform/web&search_namespaces=true")
                .json();
        assertThat(byNamespace).hasSize(1);

        Http alice = new Http(gitlab, aliceToken);
        JsonNode visible = alice.get("/api/v4/projects?per_page=100").json();
        assertThat(visible)
                .extracting(p -> p.get("path_with_namespace").asText())
                .containsExactlyInAnyOrder("platform/web/site", "oss/tool");
        JsonNode member = alice.get("/api/v4/projects?membership=true").json();
        assertThat(member)
                .extracting(p -> p.get("path_with_namespace").asText())
                .containsExactly("platform/web/site");
        assertThat(member.get(0)
                        .get("permissions")
                        .get("group_access")
                        .get("access_level")
                        .asInt())
                .isEqualTo(30);
    }

    @Test
    void projectByEncodedPathOrIdAnd404ForMissingOrInvisible() {
        Http.Answer byPath = root().get("/api/v4/projects/platform%2Fcore%2Fsvc-01");
        assertThat(byPath.status()).isEqualTo(200);
        long id = byPath.json().get("id").asLong();
        assertThat(root().get("/api/v4/projects/" + id).json().get("path").asText())
                .isEqualTo("svc-01");

        Http.Answer missing = root().get("/api/v4/projects/platform%2Fnope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"404 Project Not Found\"}");
        Http.Answer invisible = new Http(gitlab, aliceToken).get("/api/v4/projects/" + id);
        assertThat(invisible.status()).isEqualTo(404);
        assertThat(invisible.body()).isEqualTo("{\"message\":\"404 Project Not Found\"}");
    }

    @Test
    void anonymousSeesOnlyPublicProjects() {
        Http anonymous = new Http(gitlab, null);
        JsonNode list = anonymous.get("/api/v4/projects").json();
        assertThat(list).extracting(p -> p.get("path_with_namespace").asText()).containsExactly("oss/tool");
        assertThat(anonymous.get("/api/v4/projects/platform%2Fweb%2Fsite").status())
                .isEqualTo(404);
    }

    @Test
    void groupsByIdOrPathSubgroupsDescendantsAndProjects() {
        Http.Answer platform = root().get("/api/v4/groups/platform");
        assertThat(platform.status()).isEqualTo(200);
        assertThat(platform.json().get("full_path").asText()).isEqualTo("platform");
        assertThat(platform.json().get("parent_id").isNull()).isTrue();
        long id = platform.json().get("id").asLong();
        assertThat(root().get("/api/v4/groups/" + id).json().get("path").asText())
                .isEqualTo("platform");

        JsonNode core = root().get("/api/v4/groups/platform%2Fcore").json();
        assertThat(core.get("parent_id").asLong()).isEqualTo(id);
        assertThat(core.get("projects")).hasSize(45);
        assertThat(root().get("/api/v4/groups/platform%2Fcore?with_projects=false")
                        .json()
                        .has("projects"))
                .isFalse();

        JsonNode subgroups = root().get("/api/v4/groups/platform/subgroups").json();
        assertThat(subgroups)
                .extracting(g -> g.get("full_path").asText())
                .containsExactly("platform/core", "platform/web");
        assertThat(root().get("/api/v4/groups/platform/descendant_groups").json())
                .hasSize(2);

        Http.Answer direct = root().get("/api/v4/groups/platform/projects");
        assertThat(direct.json()).isEmpty();
        Http.Answer all = root().get("/api/v4/groups/platform/projects?include_subgroups=true&per_page=10");
        assertThat(all.header("x-total")).isEqualTo("46");
        assertThat(all.json()).hasSize(10);

        Http.Answer missing = root().get("/api/v4/groups/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"404 Group Not Found\"}");
    }

    @Test
    void groupListForMembersAndAdmins() {
        JsonNode forAlice = new Http(gitlab, aliceToken).get("/api/v4/groups").json();
        assertThat(forAlice).extracting(g -> g.get("full_path").asText()).containsExactly("platform/web");
        JsonNode forRoot = root().get("/api/v4/groups?top_level_only=true").json();
        assertThat(forRoot).extracting(g -> g.get("full_path").asText()).containsExactly("oss", "platform");
        // a member of a subgroup may see the private parent group itself
        assertThat(new Http(gitlab, aliceToken).get("/api/v4/groups/platform").status())
                .isEqualTo(200);
        assertThat(new Http(gitlab, aliceToken)
                        .get("/api/v4/groups/platform%2Fcore")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void largeEstateOmitsTotalsAboveTenThousand() {
        try (GitLabSimulator big = GitLabSimulator.create()) {
            SimulatedInstance estate = big.addInstance(InstanceOptions.of("estate"));
            String token = estate.createPersonalAccessToken(estate.createUser("root", true), "t", Set.of("api"), null);
            estate.generateEstate(101, 100, 7);
            assertThat(estate.projectCount()).isGreaterThan(10_000);
            Http http = new Http(estate, token);
            Http.Answer page = http.get("/api/v4/projects?per_page=100&page=2");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json()).hasSize(100);
            assertThat(page.header("x-total")).isNull();
            assertThat(page.header("x-total-pages")).isNull();
            assertThat(page.header("x-next-page")).isEqualTo("3");
            assertThat(page.header("link")).contains("rel=\"next\"").doesNotContain("rel=\"last\"");

            estate.generateEstate(1, 1, 7);
            Http.Answer groups = http.get("/api/v4/groups?per_page=5");
            assertThat(groups.header("x-total")).isEqualTo(String.valueOf(estate.groupCount()));
        }
    }
}
