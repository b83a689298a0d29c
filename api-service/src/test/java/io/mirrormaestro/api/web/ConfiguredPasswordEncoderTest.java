package io.mirrormaestro.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfiguredPasswordEncoderTest {

    private final ConfiguredPasswordEncoder encoder = new ConfiguredPasswordEncoder();

    @Test
    void matchesOnlyTheConfiguredPassword() {
        String stored = encoder.encode("s3cret");

        assertThat(stored).doesNotContain("s3cret").hasSize(64);
        assertThat(encoder.matches("s3cret", stored)).isTrue();
        assertThat(encoder.matches("s3cret ", stored)).isFalse();
        assertThat(encoder.matches("S3cret", stored)).isFalse();
        assertThat(encoder.matches("", stored)).isFalse();
        assertThat(encoder.matches(null, stored)).isFalse();
    }
}
