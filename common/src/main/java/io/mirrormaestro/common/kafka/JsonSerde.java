package io.mirrormaestro.common.kafka;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.event.Event;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * Kafka serializers for the contract types, so listeners take the record type directly; reading goes through
 * {@link ContractUpgrade}, which also reads the previous version's records.
 */
public final class JsonSerde {

    private JsonSerde() {}

    static <T> byte[] write(T value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new SerializationException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(byte[] data, Class<T> type, java.util.function.Function<byte[], T> reader) {
        if (data == null) {
            return null;
        }
        try {
            return reader.apply(data);
        } catch (JacksonException | IllegalArgumentException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + why, e);
        }
    }

    public static final class CommandSerializer implements Serializer<Command> {
        @Override
        public byte[] serialize(String topic, Command data) {
            return write(data);
        }
    }

    public static final class CommandDeserializer implements Deserializer<Command> {
        @Override
        public Command deserialize(String topic, byte[] data) {
            return read(data, Command.class, ContractUpgrade::command);
        }
    }

    public static final class EventSerializer implements Serializer<Event> {
        @Override
        public byte[] serialize(String topic, Event data) {
            return write(data);
        }
    }

    public static final class EventDeserializer implements Deserializer<Event> {
        @Override
        public Event deserialize(String topic, byte[] data) {
            return read(data, Event.class, ContractUpgrade::event);
        }
    }
}
