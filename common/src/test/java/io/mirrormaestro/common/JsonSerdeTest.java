package io.mirrormaestro.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.kafka.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    @Test
    void commandsTravelAsSnakeCaseJsonWithTheirType() {
        var command =
                new CheckInstance(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-11-26T07:00:00Z"), 7L);
        byte[] bytes = new JsonSerde.CommandSerializer().serialize("t", command);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"type\":\"CheckInstance\"")
                .contains("\"command_id\":\"" + command.commandId() + "\"")
                .contains("\"instance_id\":7")
                .contains("\"occurred_at\":\"2026-11-26T07:00:00Z\"");
        Command back = new JsonSerde.CommandDeserializer().deserialize("t", bytes);
        assertThat(back).isEqualTo(command);
    }

    @Test
    void eventsRoundTripAndToleratePropertiesAddedLater() {
        UUID commandId = UUID.randomUUID();
        Event event = new CommandFailed(
                EventIds.of(commandId, 1, "CommandFailed"),
                commandId,
                commandId,
                Instant.now(),
                "i-1",
                "CheckInstance",
                1,
                401,
                "401 Unauthorized",
                null);
        String json = new String(new JsonSerde.EventSerializer().serialize("t", event), StandardCharsets.UTF_8);
        String withNewField = json.replaceFirst("\\{", "{\"added_in_a_later_version\":true,");

        Event back = new JsonSerde.EventDeserializer().deserialize("t", withNewField.getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(event);
        assertThat(json).contains("\"http_status\":401").contains("\"subject_id\":\"i-1\"");
    }

    @Test
    void garbageIsASerializationErrorNamingTheType() {
        assertThatThrownBy(() -> new JsonSerde.CommandDeserializer()
                        .deserialize("t", "{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Command");
    }

    @Test
    void eventIdsAreStablePerStep() {
        UUID id = UUID.randomUUID();
        assertThat(EventIds.of(id, 2, "X")).isEqualTo(EventIds.of(id, 2, "X"));
        assertThat(EventIds.of(id, 2, "X")).isNotEqualTo(EventIds.of(id, 3, "X"));
    }
}
