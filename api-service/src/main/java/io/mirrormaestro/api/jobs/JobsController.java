package io.mirrormaestro.api.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the workers will do later by themselves: retries waiting, recurring jobs. Read only. */
@RestController
@Validated
@RequestMapping("/api/jobs")
class JobsController {

    private final ScheduledRetries retries;
    private final RecurringJobs recurring;

    JobsController(ScheduledRetries retries, RecurringJobs recurring) {
        this.retries = retries;
        this.recurring = recurring;
    }

    /** Commands waiting for a retry, soonest first, with the attempt that will run and the error of the last one. */
    @GetMapping("/scheduled")
    ScheduledRetries.Page scheduled(
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "page_size", defaultValue = "50") @Min(1) @Max(200) int pageSize) {
        return retries.page(page, pageSize);
    }

    /** JobRunr's recurring jobs with their schedule, next and last run, and the workers' job servers. */
    @GetMapping("/recurring")
    RecurringJobs.Overview recurring() {
        return recurring.overview();
    }
}
