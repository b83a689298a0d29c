package io.mirrormaestro.worker.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MirrorUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://bot:glpat-secret@gitlab.example.com/group/project.git,"
                + "https://*****:*****@gitlab.example.com/group/project.git",
        "https://oauth2@gitlab.example.com/a.git,https://*****@gitlab.example.com/a.git",
        "https://gitlab.example.com/a.git,https://gitlab.example.com/a.git",
        "http://u:p@127.0.0.1:8080/a/b.git?x=y@z,http://*****:*****@127.0.0.1:8080/a/b.git?x=y@z"
    })
    void masksCredentialsAsGitLabDoes(String url, String masked) {
        assertThat(MirrorUrl.mask(url)).isEqualTo(masked);
    }

    @Test
    void foldsEncodedCredentialsIntoTheUrlForOlderGitLab() {
        assertThat(MirrorUrl.withCredentials("https://host/g/p.git", "bot name", "p@ss:w/rd"))
                .isEqualTo("https://bot%20name:p%40ss%3Aw%2Frd@host/g/p.git");
        assertThat(MirrorUrl.withCredentials("https://host/g/p.git", null, null))
                .isEqualTo("https://host/g/p.git");
    }

    @Test
    void requestRecordsNeverPrintSecrets() {
        String url = "https://bot:glpat-secret@host/g/p.git";

        assertThat(NewPushMirror.of(url).toString())
                .contains("https://*****:*****@host/g/p.git")
                .doesNotContain("glpat-secret");
        assertThat(PullMirrorSettings.of("https://host/g/p.git", "bot", "glpat-secret")
                        .toString())
                .doesNotContain("glpat-secret");
        assertThatThrownBy(() -> PullMirrorSettings.of(url, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://*****:*****@host/g/p.git")
                .hasMessageNotContaining("glpat-secret");
    }

    @Test
    void requestRecordsRejectWhatGitLabWouldReject() {
        assertThatThrownBy(() -> NewPushMirror.of("https://h/p.git")
                        .withOnlyProtectedBranches(true)
                        .withMirrorBranchRegex("^main$"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushMirrorChanges.none()
                        .withOnlyProtectedBranches(false)
                        .withMirrorBranchRegex(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProjectRef.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
