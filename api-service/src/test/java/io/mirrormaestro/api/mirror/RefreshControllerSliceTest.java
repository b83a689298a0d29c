package io.mirrormaestro.api.mirror;

import static io.mirrormaestro.api.web.ProblemMatchers.invalid;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mirrormaestro.api.problem.ProblemDetails;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.web.MvcSlice;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/mirrors/refresh} in an MVC slice with {@link MirrorRefresh} mocked. */
@MvcSlice
class RefreshControllerSliceTest {

    @Configuration
    @Import({RefreshController.class, ProblemDetails.class})
    static class Slice {}

    @MockitoBean
    MirrorRefresh refresh;

    @Autowired
    MockMvc mvc;

    @Test
    void aRefreshIsAcceptedWithItsCommandAndHowManyMirrorsItCovers() throws Exception {
        UUID commandId = UUID.randomUUID();
        given(refresh.request(any())).willReturn(new MirrorRefresh.Requested(commandId, 12));

        send("{\"group_path\":\"platform\"}")
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content()
                        .json(
                                """
                                {"status": "refresh_requested", "command_id": "%s", "mirrors": 12,
                                 "status_url": "/api/commands/%s"}
                                """
                                        .formatted(commandId, commandId),
                                JsonCompareMode.STRICT));
        then(refresh).should().request(new MirrorRefresh.Selection(null, "platform", null));
    }

    @Test
    void aGroupPathOverItsLengthIs422NamingIt() throws Exception {
        send("{\"group_path\":\"" + "g".repeat(501) + "\"}")
                .andExpect(invalid(HttpStatus.UNPROCESSABLE_CONTENT, "group_path", "size must be between 0 and 500"));
        verifyNoInteractions(refresh);
    }

    @Test
    void whatTheFeatureServiceRefusesIs422NamingItsField() throws Exception {
        given(refresh.request(any()))
                .willThrow(new UnprocessableException("mirror_ids", "give mirror_ids, instance_pair_id or group_path"));

        send("{}")
                .andExpect(invalid(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "mirror_ids",
                        "give mirror_ids, instance_pair_id or group_path"));
    }

    private ResultActions send(String body) throws Exception {
        return mvc.perform(post("/api/mirrors/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
