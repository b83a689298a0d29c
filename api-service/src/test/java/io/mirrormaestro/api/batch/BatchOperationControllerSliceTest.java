package io.mirrormaestro.api.batch;

import static io.mirrormaestro.api.web.ProblemMatchers.invalid;
import static io.mirrormaestro.api.web.ProblemMatchers.problem;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/mirrors/batch} in an MVC slice with {@link BatchOperations} mocked: the 202 body, and a selection
 * the request itself gets wrong is a problem naming the field before the feature service sees it.
 */
@MvcSlice
class BatchOperationControllerSliceTest {

    @Configuration
    @Import({BatchOperationController.class, ProblemDetails.class})
    static class Slice {}

    @MockitoBean
    BatchOperations operations;

    @Autowired
    MockMvc mvc;

    @Test
    void aStartedBatchIsAcceptedWithWhereToFollowIt() throws Exception {
        given(operations.start(any()))
                .willReturn(
                        new BatchRecord("b-42", "sync", 7, "running", 3, 3, 0, 0, 0, 0, 0, 1, null, null, null, null));

        send("{\"action\":\"sync\",\"instance_pair_id\":7,\"mirror_ids\":[1,2,3]}")
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content()
                        .json(
                                """
                                {"status": "accepted", "batch_id": "b-42", "total": 3,
                                 "status_url": "/api/batches/b-42"}
                                """,
                                JsonCompareMode.STRICT));
        then(operations)
                .should()
                .start(new BatchOperations.Selection("sync", 7L, null, null, List.of(1L, 2L, 3L), null));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"all": true}                                | action              | must not be blank
            {"action": " ", "all": true}                 | action              | must not be blank
            {"action": "sync", "instance_pair_id": 0}    | instance_pair_id    | must be greater than 0
            {"action": "sync", "mirror_ids": [4, -1]}    | mirror_ids[1]       | must be greater than 0
            {"action": "sync", "status": "%s"}           | status              | size must be between 0 and 50
            """)
    void aSelectionFailingItsConstraintsIs422NamingTheField(String body, String field, String message)
            throws Exception {
        send(body.formatted("x".repeat(51))).andExpect(invalid(HttpStatus.UNPROCESSABLE_CONTENT, field, message));
        verifyNoInteractions(operations);
    }

    @Test
    void anUnknownFieldIs422NamingIt() throws Exception {
        send("{\"action\":\"sync\",\"all\":true,\"colour\":\"red\"}")
                .andExpect(problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "Invalid request",
                        "unknown field 'colour'",
                        new ProblemDetails.FieldError("colour", "unknown field")));
        verifyNoInteractions(operations);
    }

    @Test
    void aFieldOfTheWrongTypeIs422NamingIt() throws Exception {
        send("{\"action\":\"sync\",\"instance_pair_id\":\"seven\"}")
                .andExpect(problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "Invalid request",
                        "field 'instance_pair_id' has the wrong type",
                        new ProblemDetails.FieldError("instance_pair_id", "has the wrong type")));
        verifyNoInteractions(operations);
    }

    @Test
    void aBodyThatIsNotJsonIs400NamingTheBody() throws Exception {
        send("{\"action\": sync")
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid request",
                        "request body is not valid JSON",
                        new ProblemDetails.FieldError("body", "is not valid JSON")));
        verifyNoInteractions(operations);
    }

    private ResultActions send(String body) throws Exception {
        return mvc.perform(post("/api/mirrors/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
