package io.mirrormaestro.common.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.common.store.InstanceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullMirroringTest {

    @ParameterizedTest
    @CsvSource({"17.8.2-ee, ee", "17.8.2-EE, ee", "17.8.2, ce", "16.11.4-ce, ce", "'', ce"})
    void theEditionIsReadFromTheVersion(String version, String edition) {
        assertThat(PullMirroring.editionOf(version)).isEqualTo(edition);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {"ee, false", "ce, true", "null, false"})
    void onlyACommunityEditionTargetIsRefused(String edition, boolean refused) {
        InstanceRecord target = new InstanceRecord(
                1, "b", "https://b", null, null, "17.8.2", null, edition, null, null, null, null, null, null, null);

        if (refused) {
            assertThat(PullMirroring.refusal(target))
                    .hasValueSatisfying(why ->
                            assertThat(why).contains("instance 'b'").contains("GitLab 17.8.2 Community Edition"));
        } else {
            assertThat(PullMirroring.refusal(target)).isEmpty();
        }
    }
}
