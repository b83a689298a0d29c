package io.mirrormaestro.api.ops;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.CommandRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Gauges of api-service. The backlog and running batches are counted in MongoDB when Prometheus scrapes (one count
 * each over indexed fields), so every api-service instance reports the same shared figure; WebSocket sessions are
 * this instance's own.
 */
@Component
class ApiGauges {

    private final MongoTemplate mongo;
    private final AtomicInteger sessions = new AtomicInteger();

    ApiGauges(MongoTemplate mongo, MeterRegistry registry) {
        this.mongo = mongo;
        Gauge.builder("mm.outbox.backlog", this, ApiGauges::outboxBacklog)
                .description("Commands accepted but not yet on Kafka (the outbox relay sends them)")
                .register(registry);
        Gauge.builder("mm.batches.running", this, ApiGauges::batchesRunning)
                .description("Batches (imports, batch actions) running or cancelling")
                .register(registry);
        Gauge.builder("mm.websocket.sessions", sessions, AtomicInteger::get)
                .description("STOMP WebSocket sessions open on this api-service instance")
                .register(registry);
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        sessions.incrementAndGet();
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        sessions.updateAndGet(n -> Math.max(0, n - 1));
    }

    private double outboxBacklog() {
        return mongo.count(
                Query.query(where("published").is(false).and("status").is(CommandStatus.ACCEPTED)),
                CommandRecord.class);
    }

    private double batchesRunning() {
        return mongo.count(Query.query(where("status").in(List.of("running", "cancelling"))), BatchRecord.class);
    }
}
