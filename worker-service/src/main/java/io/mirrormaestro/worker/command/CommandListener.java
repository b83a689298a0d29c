package io.mirrormaestro.worker.command;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.kafka.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Runs the first attempt of each command as soon as it is consumed. */
@Component
class CommandListener {

    private final CommandExecutor executor;

    CommandListener(CommandExecutor executor) {
        this.executor = executor;
    }

    @KafkaListener(topics = Topics.COMMANDS, groupId = "${mm.worker.consumer-group:mm-worker}")
    void on(Command command) {
        executor.runFirstAttempt(command);
    }
}
