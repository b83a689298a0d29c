package io.mirrormaestro.common.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryUrlsTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
        "https://gitlab.example.com,group/project,https://gitlab.example.com/group/project.git",
        "https://gitlab.example.com/,group/sub/project,https://gitlab.example.com/group/sub/project.git",
        "https://example.com/gitlab,group/project,https://example.com/gitlab/group/project.git",
        "http://127.0.0.1:8080//,g/p,http://127.0.0.1:8080/g/p.git"
    })
    void theRepositoryUrlKeepsTheInstancesSubPath(String instance, String path, String expected) {
        assertThat(RepositoryUrls.of(instance, path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "https://*****:*****@gitlab.example.com/group/project.git,https://gitlab.example.com/group/project.git,true",
        "https://*****@GitLab.Example.com/Group/Project,https://gitlab.example.com/group/project.git,true",
        "https://*****:*****@gitlab.example.com:443/group/project.git,https://gitlab.example.com/group/project.git,true",
        "http://*****:*****@127.0.0.1:8080/g/p.git,http://127.0.0.1:8080/g/p.git,true",
        "http://*****:*****@127.0.0.1:8081/g/p.git,http://127.0.0.1:8080/g/p.git,false",
        "https://*****:*****@gitlab.example.com/group/project-2.git,https://gitlab.example.com/group/project.git,false",
        "https://*****:*****@other.example.com/group/project.git,https://gitlab.example.com/group/project.git,false",
        "https://*****:*****@example.com/gitlab/g/p.git,https://example.com/g/p.git,false",
        "not a url,https://gitlab.example.com/group/project.git,false"
    })
    void aMaskedMirrorUrlPointsAtAProjectByHostPortAndPath(String mirror, String repository, boolean expected) {
        assertThat(RepositoryUrls.pointsAt(mirror, repository)).isEqualTo(expected);
    }
}
