package io.mirrormaestro.api.activity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/activity")
class ActivityController {

    private final ActivityHistory history;

    ActivityController(ActivityHistory history) {
        this.history = history;
    }

    /**
     * Newest first; optionally only the entries of one subject (instance, mirror, batch), one command, one outcome,
     * one actor or one entry type.
     *
     * @param before the id of the last entry already shown, for the next older page (or an ISO-8601 instant: the
     *     entries strictly older; entries of the same millisecond are then all skipped, so prefer the id)
     */
    @GetMapping
    List<ActivityEntry> list(
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(name = "subject_id", required = false) String subjectId,
            @RequestParam(name = "command_id", required = false) UUID commandId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String before) {
        return history.find(new ActivityHistory.Filter(subjectId, commandId, outcome, actor, type, before), limit);
    }
}
