package io.mirrormaestro.api.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the batch runner hands out more lines: never past the window, never in crumbs, never never. */
class BatchWindowTest {

    @ParameterizedTest(name = "room {0}, chunk {1}, window {2}, pending {3}: {4}")
    @CsvSource({
        // a full window waits
        "0, 500, 2000, 9000, false",
        "-3, 500, 2000, 9000, false",
        // room for less than half a chunk waits for more
        "249, 500, 2000, 9000, false",
        "250, 500, 2000, 9000, true",
        // a window smaller than a chunk still hands out
        "100, 500, 200, 9000, true",
        "99, 500, 200, 9000, false",
        "200, 500, 200, 9000, true",
        // the last few lines go out even when they are fewer than half a chunk
        "3, 500, 2000, 3, true",
        "1, 500, 2000, 1, true",
        "1, 10, 1, 50, true"
    })
    void handsOutWhenThereIsRoomForHalfOfTheNextChunk(int room, int chunk, int window, int pending, boolean expected) {
        assertThat(BatchRunner.worthHandingOut(room, chunk, window, pending)).isEqualTo(expected);
    }
}
