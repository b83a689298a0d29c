package io.mirrormaestro.api.problem;

import static io.mirrormaestro.api.web.ProblemMatchers.problem;
import static io.mirrormaestro.api.web.ProblemMatchers.standardProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mirrormaestro.api.problem.ProblemDetails.FieldError;
import io.mirrormaestro.api.web.MvcSlice;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

/**
 * How each exception a feature throws reaches the client, through Spring MVC as the application configures it:
 * {@link ProblemDetails} for what controllers throw, {@link ContentTypeRejections} for a Content-Type naming no
 * single media type. Every body is compared whole.
 */
@MvcSlice
class ProblemDetailsSliceTest {

    /** Throws what a feature would throw. */
    @RestController
    static class Failing {

        private final Validator validator;

        Failing(Validator validator) {
            this.validator = validator;
        }

        record Paging(@Min(1) int pageSize) {}

        @GetMapping("/fail/bad-request")
        void badRequest() {
            throw new BadRequestException("url", "does not answer as a GitLab instance");
        }

        @GetMapping("/fail/unprocessable")
        void unprocessable() {
            throw new UnprocessableException(List.of(
                    new FieldError("cron", "is not a cron expression"),
                    new FieldError("time_zone", "is not a time zone")));
        }

        @GetMapping("/fail/conflict")
        void conflict() {
            throw new ConflictException("name", "a pair named 'prod' exists");
        }

        @GetMapping("/fail/conflict-with-members")
        void conflictWithMembers() {
            throw new ConflictException(
                    "source_project_path", "2 of the mirrors exist already", Map.of("existing", List.of(5, 6)));
        }

        @GetMapping("/fail/not-found")
        void notFound() {
            throw new NotFoundException("pair", "42");
        }

        @GetMapping("/fail/gitlab")
        void gitlab() {
            throw new GitLabReadException("401 Unauthorized", 401);
        }

        @GetMapping("/fail/constraint")
        void constraint() {
            throw new ConstraintViolationException(validator.validate(new Paging(0)));
        }

        @GetMapping("/fail/store")
        void store() {
            throw new DataAccessResourceFailureException("Timed out while waiting for a server");
        }

        @PostMapping("/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }
    }

    @Configuration
    @Import({Failing.class, ProblemDetails.class, ContentTypeRejections.class})
    static class Slice {}

    @Autowired
    WebApplicationContext context;

    @Autowired
    ContentTypeRejections contentTypeRejections;

    private MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(contentTypeRejections)
                .build();
    }

    @Test
    void aBadRequestIs400NamingTheField() throws Exception {
        mvc.perform(get("/fail/bad-request"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid request",
                        "url: does not answer as a GitLab instance",
                        new FieldError("url", "does not answer as a GitLab instance")));
    }

    @Test
    void anUnprocessableRequestIs422NamingEveryField() throws Exception {
        mvc.perform(get("/fail/unprocessable"))
                .andExpect(problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "Invalid request",
                        "cron: is not a cron expression; time_zone: is not a time zone",
                        new FieldError("cron", "is not a cron expression"),
                        new FieldError("time_zone", "is not a time zone")));
    }

    @Test
    void aConflictIs409NamingWhatCollides() throws Exception {
        mvc.perform(get("/fail/conflict"))
                .andExpect(problem(
                        HttpStatus.CONFLICT,
                        "Conflict",
                        "a pair named 'prod' exists",
                        new FieldError("name", "a pair named 'prod' exists")));
    }

    @Test
    void aConflictCarriesItsExtraMembersAtTheTopLevel() throws Exception {
        mvc.perform(get("/fail/conflict-with-members"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content()
                        .json(
                                """
                                {"type": "about:blank", "title": "Conflict", "status": 409,
                                 "detail": "2 of the mirrors exist already",
                                 "instance": "/fail/conflict-with-members",
                                 "errors": [{"field": "source_project_path",
                                             "message": "2 of the mirrors exist already"}],
                                 "existing": [5, 6]}
                                """,
                                JsonCompareMode.STRICT));
    }

    @Test
    void whatIsNotThereIs404SayingWhat() throws Exception {
        mvc.perform(get("/fail/not-found")).andExpect(problem(HttpStatus.NOT_FOUND, "Not found", "pair 42 not found"));
    }

    @Test
    void aFailedReadFromGitLabIs502WithGitLabsStatus() throws Exception {
        mvc.perform(get("/fail/gitlab"))
                .andExpect(status().isBadGateway())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content()
                        .json(
                                """
                                {"type": "about:blank", "title": "GitLab request failed", "status": 502,
                                 "detail": "401 Unauthorized", "instance": "/fail/gitlab", "gitlab_status": 401}
                                """,
                                JsonCompareMode.STRICT));
    }

    @Test
    void aConstraintViolationIs400NamingTheLastNodeInSnakeCase() throws Exception {
        mvc.perform(get("/fail/constraint"))
                .andExpect(problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid request",
                        "page_size: must be greater than or equal to 1",
                        new FieldError("page_size", "must be greater than or equal to 1")));
    }

    @Test
    void aDatabaseThatIsAwayIs503WithRetryAfter() throws Exception {
        mvc.perform(get("/fail/store"))
                .andExpect(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Database unavailable",
                        "MongoDB does not answer; try again shortly"))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));
    }

    @Test
    void aBodyOfAnUnsupportedMediaTypeIs415NamingTheType() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.TEXT_PLAIN).content("{}"))
                .andExpect(standardProblem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type 'text/plain' is not supported."))
                .andExpect(header().string(HttpHeaders.ACCEPT, Matchers.containsString("application/json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "not a type"})
    void aContentTypeNamingNoSingleMediaTypeIs415BeforeAnythingReadsTheBody(String contentType) throws Exception {
        mvc.perform(post("/echo").header(HttpHeaders.CONTENT_TYPE, contentType).content("{}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType("application/problem+json;charset=UTF-8"))
                .andExpect(content()
                        .json(
                                """
                                {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
                                 "detail": "%s"}
                                """
                                        .formatted(ContentTypeRejections.DETAIL),
                                JsonCompareMode.STRICT));
    }

    @Test
    void aBodyOfASupportedTypeGoesThroughTheFilter() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"a\":1}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"a\":1}", JsonCompareMode.STRICT));
    }
}
