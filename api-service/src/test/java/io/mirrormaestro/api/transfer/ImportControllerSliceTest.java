package io.mirrormaestro.api.transfer;

import static io.mirrormaestro.api.web.ProblemMatchers.standardProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.problem.ProblemDetails;
import io.mirrormaestro.api.web.MvcSlice;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Instant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/export/pair/{id}} (the import) in an MVC slice with {@link Pairs} and {@link MirrorImport} mocked:
 * the 202 body, and a body that is not a JSON file, too large or of another type refused before anything starts.
 */
@MvcSlice
@TestPropertySource(properties = "mm.api.import-max-bytes=" + ImportControllerSliceTest.MAX_BYTES)
class ImportControllerSliceTest {

    static final int MAX_BYTES = 200;

    private static final String FILE =
            "{\"mirrors\":[{\"source_project_path\":\"a/b\",\"target_project_path\":\"c/d\"}]}";

    private static final PairRecord PAIR = new PairRecord(
            4, "pair", null, 1, 2, "push", false, false, false, false, null, null, Instant.EPOCH, Instant.EPOCH);

    @Configuration
    @Import({ImportController.class, ProblemDetails.class})
    @EnableConfigurationProperties(ApiSettings.class)
    static class Slice {}

    @MockitoBean
    Pairs pairs;

    @MockitoBean
    MirrorImport imports;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void pair() {
        given(pairs.get(4)).willReturn(PAIR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json;charset=UTF-8", "application/vnd.mirrors+json"})
    void aFileSentAsJsonStartsOneAcceptedBatch(String contentType) throws Exception {
        given(imports.start(eq(PAIR), any()))
                .willReturn(
                        new BatchRecord("b-5", "import", 4, "running", 1, 1, 0, 0, 0, 0, 0, 1, null, null, null, null));

        mvc.perform(post("/api/export/pair/4").contentType(contentType).content(FILE))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content()
                        .json(
                                """
                                {"status": "accepted", "batch_id": "b-5", "total": 1, "status_url": "/api/batches/b-5"}
                                """,
                                JsonCompareMode.STRICT));
        then(imports).should().start(PAIR, JsonMapper.builder().build().readTree(FILE));
    }

    @Test
    void aFileSentAsTextIs415AndStartsNothing() throws Exception {
        mvc.perform(post("/api/export/pair/4")
                        .contentType("text/plain;charset=UTF-8")
                        .content(FILE))
                .andExpect(standardProblem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type text/plain is not supported: send the mirrors file itself as the body,"
                                + " as application/json"));
        verifyNoInteractions(pairs, imports);
    }

    @Test
    void aFileWithoutAContentTypeIs415AndStartsNothing() throws Exception {
        mvc.perform(post("/api/export/pair/4").content(FILE))
                .andExpect(standardProblem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "a Content-Type is missing: send the mirrors file itself as the body, as application/json"));
        verifyNoInteractions(pairs, imports);
    }

    @Test
    void aBodyThatIsNotJsonIs422NamingTheBody() throws Exception {
        mvc.perform(post("/api/export/pair/4")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mirrors\": ["))
                .andExpect(status().is(422))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.startsWith("is not valid JSON: ")))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("body: is not valid JSON: ")));
        verifyNoInteractions(imports);
    }

    @Test
    void aFileOverTheLimitIs413AndStartsNothing() throws Exception {
        String large = "{\"mirrors\":[" + "{},".repeat(MAX_BYTES / 3) + "{}]}";

        mvc.perform(post("/api/export/pair/4")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(large))
                .andExpect(standardProblem(
                        HttpStatus.CONTENT_TOO_LARGE, "the file is larger than " + MAX_BYTES + " bytes"));
        verifyNoInteractions(imports);
    }
}
