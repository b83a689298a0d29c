package io.mirrormaestro.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.testing.ApiClient;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * What the end-to-end tests of a pair start from: two simulated GitLab instances on loopback (allowed to mirror to
 * each other), the whole system, the instances registered with an admin token each, a push pair between them, and a
 * group on both sides whose target group has a group token registered for the mirrors.
 */
final class PushPairEstate implements AutoCloseable {

    final GitLabSimulator simulator;
    final SimulatedInstance source;
    final SimulatedInstance target;
    final MirrorMaestroSystem system;
    final ApiClient api;
    final long pair;

    private PushPairEstate(
            GitLabSimulator simulator,
            SimulatedInstance source,
            SimulatedInstance target,
            MirrorMaestroSystem system,
            ApiClient api,
            long pair) {
        this.simulator = simulator;
        this.source = source;
        this.target = target;
        this.system = system;
        this.api = api;
        this.pair = pair;
    }

    /**
     * @param group the group created on both instances, with a token named {@code <group>-bot} on the target
     * @param properties settings for the system (see {@link TestSystem})
     */
    static PushPairEstate start(String group, String pairName, Map<String, Object> properties) {
        GitLabSimulator simulator = GitLabSimulator.create();
        // mirrors between instances on loopback: GitLab refuses their URLs unless local requests are allowed
        SimulatedInstance source =
                simulator.addInstance(InstanceOptions.of("source").withLocalRequestsAllowed(true));
        SimulatedInstance target =
                simulator.addInstance(InstanceOptions.of("target").withLocalRequestsAllowed(true));
        LocalDate expiry = LocalDate.now().plusDays(90);
        String sourceApi =
                source.createPersonalAccessToken(source.createUser("root", true), "m", Set.of("api"), expiry);
        String targetApi =
                target.createPersonalAccessToken(target.createUser("root", true), "m", Set.of("api"), expiry);
        source.createGroup(group);
        target.createGroup(group);
        String groupToken = target.createGroupAccessToken(
                target.group(group).orElseThrow(), group + "-bot", Set.of("write_repository"), 40, expiry);
        MirrorMaestroSystem system = TestSystem.start(properties);
        ApiClient api = new ApiClient(system.apiPort());
        long s = id(api.post(
                "/api/instances",
                "{\"name\":\"s\",\"url\":\"" + source.baseUrl() + "\",\"token\":\"" + sourceApi + "\"}"));
        long t = id(api.post(
                "/api/instances",
                "{\"name\":\"t\",\"url\":\"" + target.baseUrl() + "\",\"token\":\"" + targetApi + "\"}"));
        long pair = id(api.post(
                "/api/pairs",
                "{\"name\":\"" + pairName + "\",\"source_instance_id\":" + s + ",\"target_instance_id\":" + t
                        + ",\"mirror_direction\":\"push\"}"));
        id(api.post(
                "/api/tokens",
                "{\"gitlab_instance_id\":" + t + ",\"group_path\":\"" + group + "\",\"token_name\":\"" + group
                        + "-bot\",\"token\":\"" + groupToken + "\"}"));
        return new PushPairEstate(simulator, source, target, system, api, pair);
    }

    /** The id in a 200 or 202 answer. */
    static long id(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 202);
        return response.body().path("id").asLong();
    }

    @Override
    public void close() {
        system.close();
        simulator.close();
    }
}
