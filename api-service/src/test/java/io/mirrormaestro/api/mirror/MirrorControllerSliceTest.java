package io.mirrormaestro.api.mirror;

import static io.mirrormaestro.api.web.ProblemMatchers.invalid;
import static io.mirrormaestro.api.web.ProblemMatchers.problem;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mirrormaestro.api.problem.NotFoundException;
import io.mirrormaestro.api.problem.ProblemDetails;
import io.mirrormaestro.api.web.MvcSlice;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/mirrors} in an MVC slice with {@link Mirrors} and {@link MirrorListing} mocked: the 202 of the
 * commands on one mirror, and query, path and body values the request gets wrong as problems naming the field.
 */
@MvcSlice
class MirrorControllerSliceTest {

    @Configuration
    @Import({MirrorController.class, ProblemDetails.class})
    static class Slice {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @MockitoBean
    Mirrors mirrors;

    @MockitoBean
    MirrorListing listing;

    @Autowired
    MockMvc mvc;

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "POST,   /api/mirrors/5/update,             update_triggered",
        "DELETE, /api/mirrors/5,                    deleting",
        "POST,   /api/mirrors/5/resume,             resume_requested",
        "POST,   /api/mirrors/5/verify,             verify_requested",
        "POST,   /api/mirrors/5/verify?repair=true, verify_requested",
        "POST,   /api/mirrors/5/rotate-token,       rotation_requested"
    })
    void aCommandOnOneMirrorIsAcceptedWithWhereToFollowIt(String method, String path, String accepted)
            throws Exception {
        UUID commandId = UUID.randomUUID();
        given(mirrors.sync(5)).willReturn(commandId);
        given(mirrors.delete(5)).willReturn(commandId);
        given(mirrors.resume(5)).willReturn(commandId);
        given(mirrors.verify(5, path.endsWith("repair=true"))).willReturn(commandId);
        given(mirrors.rotate(5)).willReturn(commandId);

        mvc.perform(request(HttpMethod.valueOf(method), path))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content()
                        .json(
                                """
                                {"status": "%s", "command_id": "%s", "status_url": "/api/commands/%s"}
                                """
                                        .formatted(accepted, commandId, commandId),
                                JsonCompareMode.STRICT));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            /api/mirrors?page=0           | page      | must be greater than or equal to 1
            /api/mirrors?page_size=0      | page_size | must be greater than or equal to 1
            /api/mirrors?page_size=201    | page_size | must be less than or equal to 200
            /api/mirrors?page=first       | page      | is not a valid int
            /api/mirrors?enabled=perhaps  | enabled   | is not a valid boolean
            /api/mirrors/five             | id        | is not a valid long
            """)
    void aQueryOrPathValueOutOfBoundsOrOfTheWrongTypeIs400NamingIt(String path, String field, String message)
            throws Exception {
        mvc.perform(get(path)).andExpect(invalid(HttpStatus.BAD_REQUEST, field, message));
        verifyNoInteractions(mirrors, listing);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {"source_project_path": "a/b", "target_project_path": "c/d"}          | instance_pair_id    | must not be null
            {"instance_pair_id": -3, "source_project_path": "a/b", "target_project_path": "c/d"} | instance_pair_id | must be greater than 0
            {"instance_pair_id": 3, "target_project_path": "c/d"}                 | source_project_path | give source_project_id or source_project_path
            {"instance_pair_id": 3, "source_project_path": "a", "target_project_path": "c/d"} | source_project_path | must be a project path such as 'group/project'
            {"instance_pair_id": 3, "source_project_id": 1, "target_project_id": 2, "mirror_direction": "up"} | mirror_direction | must be 'push' or 'pull'
            """)
    void aMirrorTheRequestGetsWrongIs422NamingTheField(String body, String field, String message) throws Exception {
        mvc.perform(post("/api/mirrors").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(invalid(HttpStatus.UNPROCESSABLE_CONTENT, field, message));
        verifyNoInteractions(mirrors);
    }

    @Test
    void aMirrorThatDoesNotExistIs404() throws Exception {
        given(mirrors.sync(anyLong())).willThrow(new NotFoundException("mirror", "77"));

        mvc.perform(post("/api/mirrors/77/update"))
                .andExpect(problem(HttpStatus.NOT_FOUND, "Not found", "mirror 77 not found"));
    }
}
