package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.RefreshMirrors;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.event.MirrorsRefreshed;
import io.mirrormaestro.worker.command.CommandHandler;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * "Refresh now" for a selection: the projects holding the selected active mirrors are read at once, one GitLab
 * request each, outside the refresh budget (a person is waiting). Reading only, so a repeated attempt is harmless.
 */
@Component
class RefreshMirrorsHandler implements CommandHandler<RefreshMirrors> {

    private final StatusRefresh refresh;
    private final Clock clock;

    RefreshMirrorsHandler(StatusRefresh refresh, Clock clock) {
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public Class<RefreshMirrors> commandType() {
        return RefreshMirrors.class;
    }

    @Override
    public Event execute(RefreshMirrors command, int attempt) {
        StatusRefresh.Summary summary = refresh.refreshNow(selection(command));
        return new MirrorsRefreshed(
                EventIds.of(command.commandId(), attempt, "MirrorsRefreshed"),
                command.commandId(),
                command.correlationId(),
                clock.instant(),
                command.subjectId(),
                summary.mirrors(),
                summary.projects(),
                summary.changed(),
                summary.unreadable(),
                summary.error(),
                attempt);
    }

    static Query selection(RefreshMirrors command) {
        Query query = new Query();
        if (command.instancePairId() != null) {
            query.addCriteria(where("instance_pair_id").is(command.instancePairId()));
        }
        if (command.groupPath() != null && !command.groupPath().isBlank()) {
            Pattern under = Pattern.compile(
                    "^" + Pattern.quote(command.groupPath().trim().replaceAll("/+$", "")) + "/");
            query.addCriteria(new Criteria()
                    .orOperator(
                            where("source_project_path").regex(under),
                            where("target_project_path").regex(under)));
        }
        if (command.mirrorIds() != null) {
            query.addCriteria(where("_id").in(command.mirrorIds()));
        }
        return query;
    }
}
