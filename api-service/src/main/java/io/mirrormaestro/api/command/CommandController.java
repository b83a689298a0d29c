package io.mirrormaestro.api.command;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/commands")
class CommandController {

    private final Commands commands;

    CommandController(Commands commands) {
        this.commands = commands;
    }

    /** One command's state, with its history of attempts. */
    @GetMapping("/{id}")
    CommandView get(@PathVariable UUID id) {
        return commands.get(id);
    }

    /**
     * Commands newest first, without their history.
     *
     * @param subjectId what they act on: {@code mirror:5}, {@code instance:2}
     * @param status accepted, running, retry_scheduled, succeeded or failed
     */
    @GetMapping
    List<CommandView> list(
            @RequestParam(name = "subject_id", required = false) String subjectId,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return commands.list(subjectId, status, limit);
    }
}
