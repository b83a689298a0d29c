package io.mirrormaestro.common.gitlab;

import jakarta.ws.rs.core.Response;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads GitLab's snake_case answers straight into records. Unknown fields are ignored and missing booleans read as
 * false, because GitLab adds fields and some versions leave others out.
 */
public final class GitLabJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private GitLabJson() {}

    /** Reads the answer's body as one {@code type} and closes the answer. */
    public static <T> T read(Response response, Class<T> type) {
        try (response) {
            return MAPPER.readValue(response.readEntity(String.class), type);
        }
    }

    /** Reads the answer's body as a list of {@code type} and closes the answer. */
    public static <T> List<T> readList(Response response, Class<T> type) {
        try (response) {
            return MAPPER.readValue(
                    response.readEntity(String.class),
                    MAPPER.getTypeFactory().constructCollectionType(List.class, type));
        }
    }
}
