package io.mirrormaestro.worker.command;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

@Component
public class RetryCommandHandler implements JobRequestHandler<RetryCommand> {

    private final CommandExecutor executor;

    RetryCommandHandler(CommandExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void run(RetryCommand request) {
        executor.runRetry(request);
    }
}
