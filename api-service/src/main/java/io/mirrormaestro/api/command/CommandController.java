package io.mirrormaestro.api.command;

import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/commands")
class CommandController {

    private final MongoTemplate mongo;

    CommandController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/{id}")
    CommandView get(@PathVariable UUID id) {
        return CommandView.of(Lookups.require(mongo, CommandRecord.class, id, "command"));
    }

    record CommandView(
            UUID commandId,
            String type,
            String subjectId,
            String status,
            int attempts,
            Instant acceptedAt,
            Instant updatedAt,
            Instant nextAttemptAt,
            String lastError,
            String result) {

        static CommandView of(CommandRecord r) {
            return new CommandView(
                    r.id(),
                    r.type(),
                    r.subjectId(),
                    r.status().wireName(),
                    r.attempts(),
                    r.acceptedAt(),
                    r.updatedAt(),
                    r.nextAttemptAt(),
                    r.lastError(),
                    r.result());
        }
    }
}
