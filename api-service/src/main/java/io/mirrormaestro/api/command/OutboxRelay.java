package io.mirrormaestro.api.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.kafka.ContractUpgrade;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Clock;
import java.time.Instant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Publishes commands that were accepted but never reached Kafka (broker down, process stopped mid-request). */
@Component
class OutboxRelay {

    private final MongoTemplate mongo;
    private final CommandGateway gateway;
    private final ApiSettings settings;
    private final Clock clock;

    OutboxRelay(MongoTemplate mongo, CommandGateway gateway, ApiSettings settings, Clock clock) {
        this.mongo = mongo;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        // what relay() asks for every round: the few stranded commands, not every command ever accepted
        mongo.indexOps(CommandRecord.class)
                .createIndex(new org.springframework.data.mongodb.core.index.Index()
                        .on("published", Sort.Direction.ASC)
                        .on("status", Sort.Direction.ASC)
                        .on("accepted_at", Sort.Direction.ASC));
    }

    @Scheduled(fixedDelayString = "${mm.api.outbox-interval}")
    void relay() {
        Instant olderThan = clock.instant().minus(settings.outboxGrace());
        Query stranded = Query.query(where("published")
                        .is(false)
                        .and("status")
                        .is(CommandStatus.ACCEPTED)
                        .and("accepted_at")
                        .lt(olderThan))
                .with(Sort.by("accepted_at"))
                .limit(500);
        for (CommandRecord record : mongo.find(stranded, CommandRecord.class)) {
            Command command = ContractUpgrade.command(record.payload());
            if (!gateway.publish(command, settings.publishTimeout().toMillis())) {
                return; // Kafka still away: try again next round, in order
            }
        }
    }
}
