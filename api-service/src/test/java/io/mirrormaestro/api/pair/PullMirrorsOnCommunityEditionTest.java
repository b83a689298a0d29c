package io.mirrormaestro.api.pair;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pull mirroring needs GitLab Premium: a pull mirror into an instance that runs Community Edition is refused up front
 * (pair, group default, mirror, import line), with a 422 naming {@code mirror_direction} and saying why, before any
 * mirror, batch or command exists. Push mirrors into the same instance are fine.
 */
class PullMirrorsOnCommunityEditionTest extends ApiIntegrationTest {

    static GitLabSimulator simulator;
    static SimulatedInstance enterprise;
    static SimulatedInstance community;
    static String enterpriseToken;
    static String communityToken;

    @LocalServerPort
    int port;

    ApiClient api;
    long source;
    long ce;
    final List<String> created = new ArrayList<>();

    @BeforeAll
    static void gitlab() {
        simulator = GitLabSimulator.create();
        enterprise = simulator.addInstance(InstanceOptions.of("ee"));
        community = simulator.addInstance(
                InstanceOptions.of("ce").withVersion("17.8.2").withPremium(false));
        enterpriseToken =
                enterprise.createPersonalAccessToken(enterprise.createUser("root", true), "m", Set.of("api"), null);
        communityToken =
                community.createPersonalAccessToken(community.createUser("root", true), "m", Set.of("api"), null);
        for (SimulatedInstance gitlab : List.of(enterprise, community)) {
            gitlab.createProject("team/app");
        }
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void instances() {
        api = new ApiClient(port, USER, PASSWORD);
        source = instance(enterprise, enterpriseToken);
        ce = instance(community, communityToken);
    }

    @AfterEach
    void forget() {
        // pairs first: an instance with pairs cannot go
        created.stream().filter(p -> p.startsWith("/api/pairs")).forEach(api::delete);
        created.stream().filter(p -> p.startsWith("/api/instances")).forEach(api::delete);
    }

    @Test
    void aPullPairIntoCommunityEditionIsRefusedUpFront() {
        ApiClient.Response refused = api.post("/api/pairs", pairBody("pull"));

        assertRefused(refused, "mirror_direction");
        assertThat(api.get("/api/pairs?target_instance_id=" + ce).body()).isEmpty();
    }

    @Test
    void pullMirrorsIntoCommunityEditionAreRefusedWhereverTheDirectionComesFrom() {
        long pair = id(api.post("/api/pairs", pairBody("push")));
        created.add(0, "/api/pairs/" + pair);
        // a push pair into CE is fine; asking for pull anyway is not
        assertThat(api.put("/api/pairs/" + pair, "{\"mirror_direction\":\"pull\"}")
                        .status())
                .isEqualTo(422);
        assertRefused(
                api.post(
                        "/api/group-defaults",
                        "{\"instance_pair_id\":" + pair + ",\"group_path\":\"team\",\"mirror_direction\":\"pull\"}"),
                "mirror_direction");
        assertRefused(
                api.post(
                        "/api/mirrors",
                        "{\"instance_pair_id\":" + pair + ",\"source_project_path\":\"team/app\","
                                + "\"target_project_path\":\"team/app\",\"mirror_direction\":\"pull\"}"),
                "mirror_direction");
        ApiClient.Response importing = api.post(
                "/api/export/pair/" + pair,
                "{\"mirrors\":[{\"source_project_path\":\"team/app\",\"target_project_path\":\"team/app\"},"
                        + "{\"source_project_path\":\"team/lib\",\"target_project_path\":\"team/lib\","
                        + "\"mirror_direction\":\"pull\"}]}");
        assertRefused(importing, "mirrors[1].mirror_direction");
        assertThat(importing.body().path("detail").asString()).contains("line 2");

        assertThat(api.get("/api/mirrors?instance_pair_id=" + pair)
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
        assertThat(api.get("/api/batches?instance_pair_id=" + pair)
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
    }

    private static void assertRefused(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(response.body().path("errors").get(0).path("field").asString())
                .isEqualTo(field);
        assertThat(response.body().path("errors").get(0).path("message").asString())
                .contains("pull mirroring needs GitLab Premium")
                .contains("Community Edition")
                .contains("push mirror");
    }

    private String pairBody(String direction) {
        return "{\"name\":\"" + unique("ce") + "\",\"source_instance_id\":" + source + ",\"target_instance_id\":" + ce
                + ",\"mirror_direction\":\"" + direction + "\"}";
    }

    private long instance(SimulatedInstance gitlab, String token) {
        long id = id(api.post(
                "/api/instances",
                "{\"name\":\"" + unique(gitlab.name()) + "\",\"url\":\"" + gitlab.baseUrl() + "\",\"token\":\"" + token
                        + "\"}"));
        created.add("/api/instances/" + id);
        return id;
    }

    private static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isBetween(200, 299);
        return response.body().path("id").asLong();
    }
}
