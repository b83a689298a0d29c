package io.mirrormaestro.gitlab.simulator;

import java.util.List;
import java.util.Set;

/**
 * The GitLab contract against two simulated instances, in every build. The first instance refuses requests to the
 * local network, as GitLab does out of the box, and allowlists the second instance's address, as an administrator of
 * two GitLabs on one network would (doc/security/webhooks.md).
 */
class SimulatedGitLabContractTest extends GitLabContract {

    @Override
    ContractTarget target() {
        GitLabSimulator simulator = GitLabSimulator.create();
        SimulatedInstance first = simulator.addInstance(InstanceOptions.of("contract-1"));
        SimulatedInstance second = simulator.addInstance(InstanceOptions.of("contract-2"));
        first.setLocalRequestsAllowlist(List.of("127.0.0.1:" + second.port()));
        String firstToken =
                first.createPersonalAccessToken(first.createUser("root", true), "contract", Set.of("api"), null);
        String secondToken =
                second.createPersonalAccessToken(second.createUser("root", true), "contract", Set.of("api"), null);
        return new ContractTarget() {
            @Override
            public String describe() {
                return "the GitLab simulator";
            }

            @Override
            public Http first() {
                return new Http(first, firstToken);
            }

            @Override
            public Http second() {
                return new Http(second, secondToken);
            }

            @Override
            public String secondToken() {
                return secondToken;
            }

            @Override
            public Project createProject(int instance, String name) {
                SimulatedInstance gitlab = instance == 1 ? first : second;
                SimProject project = gitlab.createProject("contract/" + name);
                return new Project(
                        project.id(),
                        project.pathWithNamespace(),
                        gitlab.baseUrl() + "/" + project.pathWithNamespace() + ".git");
            }

            @Override
            public boolean premium() {
                return true;
            }

            @Override
            public void close() {
                simulator.close();
            }
        };
    }
}
