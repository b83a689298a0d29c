package io.mirrormaestro.api.jobs;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.interval.Interval;
import org.jobrunr.storage.StorageProvider;
import org.springframework.stereotype.Component;

/** JobRunr's recurring jobs (status refresh, command sweep) and the workers' job servers, from JobRunr's storage. */
@Component
class RecurringJobs {

    private final StorageProvider jobRunr;

    RecurringJobs(StorageProvider jobRunr) {
        this.jobRunr = jobRunr;
    }

    record Overview(List<Recurring> jobs, List<JobServer> servers) {}

    /**
     * @param schedule JobRunr's expression: an ISO-8601 duration for an interval, else a cron expression
     * @param scheduleKind {@code interval} or {@code cron}
     * @param lastRun when its latest run was due (succeeded, failed or running); none while JobRunr keeps no run
     */
    record Recurring(
            String id,
            String jobName,
            String schedule,
            String scheduleKind,
            String zoneId,
            Instant nextRun,
            Instant lastRun,
            Instant createdAt) {}

    /** A worker's JobRunr server as it last reported itself. */
    record JobServer(
            UUID id,
            String name,
            boolean running,
            int workerPoolSize,
            int pollIntervalSeconds,
            Instant firstHeartbeat,
            Instant lastHeartbeat) {}

    Overview overview() {
        List<Recurring> jobs = jobRunr.getRecurringJobs().stream()
                .map(this::view)
                .sorted(Comparator.comparing(Recurring::id))
                .toList();
        List<JobServer> servers = jobRunr.getBackgroundJobServers().stream()
                .map(s -> new JobServer(
                        s.getId(),
                        s.getName(),
                        s.isRunning(),
                        s.getWorkerPoolSize(),
                        s.getPollIntervalInSeconds(),
                        s.getFirstHeartbeat(),
                        s.getLastHeartbeat()))
                .sorted(Comparator.comparing(
                        JobServer::firstHeartbeat, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new Overview(jobs, servers);
    }

    private Recurring view(RecurringJob job) {
        Instant lastRun = jobRunr.getRecurringJobLatestScheduledInstant(
                job.getId(), StateName.PROCESSING, StateName.SUCCEEDED, StateName.FAILED);
        return new Recurring(
                job.getId(),
                job.getJobName(),
                job.getScheduleExpression(),
                job.getSchedule() instanceof Interval ? "interval" : "cron",
                job.getZoneId(),
                job.getNextRun(),
                lastRun,
                job.getCreatedAt());
    }
}
