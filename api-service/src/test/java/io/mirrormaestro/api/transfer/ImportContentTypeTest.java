package io.mirrormaestro.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The import reads JSON bodies only, like every other endpoint: a body a cross-site page could send without a CORS
 * preflight (text/plain, a form, no type at all) is refused with 415 before anything is read or written, even from a
 * client that sends no Origin (found by the fault and abuse suite).
 */
class ImportContentTypeTest extends ApiIntegrationTest {

    private static final String FILE =
            "{\"mirrors\":[{\"source_project_path\":\"a/b\",\"target_project_path\":\"a/b\"}]}";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded"})
    void aFileThatIsNotSentAsJsonIsRefusedAndStartsNothing(String contentType) throws Exception {
        long batches = mongo.count(new Query(), BatchRecord.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/export/pair/1"))
                .header("Authorization", ApiClient.basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(FILE));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }

        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ApiClient.JSON.readTree(response.body()).path("detail").asString())
                .contains("as application/json");
        assertThat(mongo.count(new Query(), BatchRecord.class)).isEqualTo(batches);
    }

    /** A Content-Type that names no single media type was a 500 from Spring MVC (found by the fuzzing). */
    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "not a type", "/json"})
    void aContentTypeThatNamesNoMediaTypeIs415NotA500(String contentType) throws Exception {
        for (String[] call : new String[][] {
            {"POST", "/api/tokens"}, {"PUT", "/api/instances/973798"}, {"POST", "/api/export/pair/1"}
        }) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call[1]))
                                    .header("Authorization", ApiClient.basic(USER, PASSWORD))
                                    .header("Content-Type", contentType)
                                    .method(call[0], HttpRequest.BodyPublishers.ofString("-0.25"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode())
                    .as(call[0] + " " + call[1] + ": " + response.body())
                    .isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(ApiClient.JSON.readTree(response.body()).path("detail").asString())
                    .contains("Content-Type");
        }
    }
}
