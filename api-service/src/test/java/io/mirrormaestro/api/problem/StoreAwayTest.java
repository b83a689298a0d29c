package io.mirrormaestro.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** While MongoDB is away a request is told so with a 503 problem and when to try again, not a 500. */
class StoreAwayTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsA503ProblemWithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = new ProblemDetails()
                .storeAway(new DataAccessResourceFailureException("Timed out while waiting for a server"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getTitle()).isEqualTo("Database unavailable");
        assertThat(answer.getBody().getDetail()).isEqualTo("MongoDB does not answer; try again shortly");
    }
}
