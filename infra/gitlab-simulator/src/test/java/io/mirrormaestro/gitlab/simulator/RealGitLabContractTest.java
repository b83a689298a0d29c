package io.mirrormaestro.gitlab.simulator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The GitLab contract against real GitLab, when MM_E2E_GITLAB_URL and MM_E2E_GITLAB_TOKEN name one (an
 * administrator's api token), with MM_E2E_GITLAB_GROUP the group it may create projects in. Mirrors go to a second
 * instance, MM_E2E_GITLAB2_URL / MM_E2E_GITLAB2_TOKEN / MM_E2E_GITLAB2_GROUP (the first instance again when unset),
 * reached by the first under MM_E2E_GITLAB2_MIRROR_URL if that differs (Docker networks). Every project it creates is
 * deleted afterwards. See README.md, "GitLab contract tests".
 */
class RealGitLabContractTest extends GitLabContract {

    @Override
    ContractTarget target() {
        String url = System.getenv("MM_E2E_GITLAB_URL");
        String token = System.getenv("MM_E2E_GITLAB_TOKEN");
        String group = System.getenv("MM_E2E_GITLAB_GROUP");
        assumeTrue(
                url != null && !url.isBlank() && token != null && !token.isBlank() && group != null && !group.isBlank(),
                "real GitLab contract skipped: set MM_E2E_GITLAB_URL, MM_E2E_GITLAB_TOKEN and MM_E2E_GITLAB_GROUP"
                        + " (and MM_E2E_GITLAB2_URL, MM_E2E_GITLAB2_TOKEN, MM_E2E_GITLAB2_GROUP for a second instance)"
                        + " to run it against GitLab");
        String url2 = env("MM_E2E_GITLAB2_URL", url);
        String token2 = env("MM_E2E_GITLAB2_TOKEN", token);
        String group2 = env("MM_E2E_GITLAB2_GROUP", group);
        String mirrorBase = env("MM_E2E_GITLAB2_MIRROR_URL", url2);
        Http first = new Http(ContractTarget.base(url), token);
        Http second = new Http(ContractTarget.base(url2), token2);
        long namespace1 = namespace(first, group);
        long namespace2 = namespace(second, group2);
        JsonNode metadata = first.get("/api/v4/metadata").json();
        boolean premium = metadata.path("enterprise").asBoolean()
                && first.get("/api/v4/license").status() == 200;
        List<Runnable> cleanups = new ArrayList<>();
        return new ContractTarget() {
            @Override
            public String describe() {
                return "GitLab " + metadata.path("version").asText() + " at " + url;
            }

            @Override
            public Http first() {
                return first;
            }

            @Override
            public Http second() {
                return second;
            }

            @Override
            public String secondToken() {
                return token2;
            }

            @Override
            public Project createProject(int instance, String name) {
                Http gitlab = instance == 1 ? first : second;
                Http.Answer created = gitlab.postForm(
                        "/api/v4/projects",
                        Http.map(
                                "name",
                                name,
                                "path",
                                name,
                                "namespace_id",
                                instance == 1 ? namespace1 : namespace2,
                                "initialize_with_readme",
                                true,
                                "visibility",
                                "private"));
                if (created.status() != 201) {
                    throw new IllegalStateException("cannot create a project in " + (instance == 1 ? group : group2)
                            + ": " + created.status() + " " + created.body());
                }
                JsonNode project = created.json();
                long id = project.get("id").asLong();
                String path = project.get("path_with_namespace").asText();
                cleanups.add(() -> delete(gitlab, id, path));
                String httpUrl = instance == 1
                        ? project.get("http_url_to_repo").asText()
                        : ContractTarget.base(mirrorBase) + "/" + path + ".git";
                return new Project(id, path, httpUrl);
            }

            @Override
            public boolean premium() {
                return premium;
            }

            @Override
            public void close() {
                cleanups.forEach(Runnable::run);
            }
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static long namespace(Http gitlab, String group) {
        Http.Answer answer = gitlab.get("/api/v4/groups/" + Http.enc(group));
        if (answer.status() != 200) {
            throw new IllegalStateException("group " + group + " not found: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("id").asLong();
    }

    /** GitLab may only mark a project for deletion (delayed deletion); the second call removes it for good. */
    private static void delete(Http gitlab, long id, String path) {
        gitlab.delete("/api/v4/projects/" + id);
        gitlab.delete("/api/v4/projects/" + id + "?permanently_remove=true&full_path=" + Http.enc(path));
    }
}
