package io.mirrormaestro.api.migrate;

import static io.mirrormaestro.api.web.ProblemMatchers.invalid;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mirrormaestro.api.problem.ProblemDetails;
import io.mirrormaestro.api.web.MvcSlice;
import io.mirrormaestro.common.store.BatchRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /api/migrate/original/group-tokens} in an MVC slice with {@link OwnTokenMigration} mocked. */
@MvcSlice
class OwnTokensControllerSliceTest {

    private static final String PATH = "/api/migrate/original/group-tokens";

    private static final String ACCEPTED =
            """
            {"status": "accepted", "batch_id": "b-9", "total": 2, "status_url": "/api/batches/b-9"}
            """;

    @Configuration
    @Import({OwnTokensController.class, ProblemDetails.class})
    static class Slice {}

    @MockitoBean
    OwnTokenMigration migration;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void batch() {
        given(migration.moveToGroupTokens(any()))
                .willReturn(new BatchRecord(
                        "b-9", "group_tokens", 1, "running", 2, 2, 0, 0, 0, 0, 0, 1, null, null, null, null));
    }

    @Test
    void withoutABodyEveryMirrorWithATokenOfItsOwnMovesInOneAcceptedBatch() throws Exception {
        mvc.perform(post(PATH))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json(ACCEPTED, JsonCompareMode.STRICT));
        then(migration).should().moveToGroupTokens(null);
    }

    @Test
    void theNamedMirrorsMoveInOneAcceptedBatch() throws Exception {
        mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content("{\"mirror_ids\":[3,4]}"))
                .andExpect(status().isAccepted())
                .andExpect(content().json(ACCEPTED, JsonCompareMode.STRICT));
        then(migration).should().moveToGroupTokens(List.of(3L, 4L));
    }

    @Test
    void aMirrorIdThatIsNotPositiveIs422NamingItsPlace() throws Exception {
        mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content("{\"mirror_ids\":[3,0]}"))
                .andExpect(invalid(HttpStatus.UNPROCESSABLE_CONTENT, "mirror_ids[1]", "must be greater than 0"));
        verifyNoInteractions(migration);
    }
}
