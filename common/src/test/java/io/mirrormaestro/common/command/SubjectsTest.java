package io.mirrormaestro.common.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void aSubjectIsWrittenAndReadBackByKind() {
        assertThat(Subjects.mirror(5)).isEqualTo("mirror:5");
        assertThat(Subjects.mirrorOf(Subjects.mirror(5))).hasValue(5);
        assertThat(Subjects.instanceOf(Subjects.instance(7))).hasValue(7);
        assertThat(Subjects.pair(3)).isEqualTo("pair:3");
    }

    @Test
    void anotherKindOrNoIdIsNoMirror() {
        assertThat(Subjects.mirrorOf("instance:5")).isEmpty();
        assertThat(Subjects.mirrorOf("mirrors:refresh")).isEmpty();
        assertThat(Subjects.mirrorOf("mirror:five")).isEmpty();
        assertThat(Subjects.instanceOf(null)).isEmpty();
    }
}
