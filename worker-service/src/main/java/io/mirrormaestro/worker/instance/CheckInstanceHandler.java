package io.mirrormaestro.worker.instance;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.event.InstanceChecked;
import io.mirrormaestro.common.settings.PullMirroring;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.worker.command.CommandHandler;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.gitlab.GitLabGateway;
import io.mirrormaestro.worker.gitlab.GitLabGateways;
import io.mirrormaestro.worker.gitlab.GitLabUser;
import io.mirrormaestro.worker.gitlab.GitLabVersion;
import java.time.Clock;
import java.time.Instant;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Reads an instance's version and its token's user from GitLab and records them. Read-only on GitLab. */
@Component
class CheckInstanceHandler implements CommandHandler<CheckInstance> {

    private final MongoTemplate mongo;
    private final GitLabGateways gateways;
    private final Clock clock;

    CheckInstanceHandler(MongoTemplate mongo, GitLabGateways gateways, Clock clock) {
        this.mongo = mongo;
        this.gateways = gateways;
        this.clock = clock;
    }

    @Override
    public Class<CheckInstance> commandType() {
        return CheckInstance.class;
    }

    @Override
    public Event execute(CheckInstance command, int attempt) throws Exception {
        InstanceRecord instance = mongo.findById(command.instanceId(), InstanceRecord.class);
        if (instance == null) {
            throw new CommandRejectedException("instance " + command.instanceId() + " no longer exists");
        }
        GitLabGateway gitlab = gateways.forInstance(instance);
        GitLabVersion version = gitlab.version();
        GitLabUser user = gitlab.currentUser();
        Instant now = clock.instant();
        mongo.updateFirst(
                new Query(where("_id").is(instance.id())),
                new Update()
                        .set("gitlab_version", version.version())
                        .set("gitlab_edition", PullMirroring.editionOf(version.version()))
                        .set("gitlab_revision", version.revision())
                        .set("token_username", user.username())
                        .set("token_user_id", user.id())
                        .set("last_checked_at", now),
                InstanceRecord.class);
        return new InstanceChecked(
                EventIds.of(command.commandId(), attempt, "InstanceChecked"),
                command.commandId(),
                command.correlationId(),
                now,
                instance.id(),
                version.version(),
                version.revision(),
                user.username(),
                attempt);
    }
}
