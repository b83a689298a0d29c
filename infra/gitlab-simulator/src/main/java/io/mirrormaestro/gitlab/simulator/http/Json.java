package io.mirrormaestro.gitlab.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** JSON in the shapes GitLab uses: snake_case keys are written by hand, nulls are kept. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    public static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Json() {}

    /** GitLab's timestamp format, e.g. 2020-01-06T17:32:02.823Z. */
    public static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> readMap(byte[] bytes) throws IOException {
        return MAPPER.readValue(bytes, MAP);
    }

    public static Map<String, Object> readMap(InputStream in) {
        try {
            return MAPPER.readValue(in, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
