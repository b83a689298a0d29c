package io.mirrormaestro.worker.gitlab;

import jakarta.ws.rs.core.Response;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads GitLab's snake_case answers straight into this package's records. Unknown fields are ignored and missing
 * booleans read as false, because GitLab adds fields and some versions leave others out.
 */
final class GitLabJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private GitLabJson() {}

    static <T> T read(Response response, Class<T> type) {
        try (response) {
            return MAPPER.readValue(response.readEntity(String.class), type);
        }
    }

    static <T> List<T> readList(Response response, Class<T> type) {
        try (response) {
            return MAPPER.readValue(
                    response.readEntity(String.class),
                    MAPPER.getTypeFactory().constructCollectionType(List.class, type));
        }
    }
}
