package io.mirrormaestro.gitlab.simulator.api;

import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.model.GroupRec;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;

/** find_project! / find_group!: missing and invisible look the same (404) to the caller. */
public final class Finders {
    private final InstanceState state;

    public Finders(InstanceState state) {
        this.state = state;
    }

    public ProjectRec project(Call call) {
        ProjectRec project = state.projectByIdOrPath(call.path("id"));
        if (project == null || !state.canRead(call.user(), project)) {
            throw ApiException.notFound("Project");
        }
        return project;
    }

    public GroupRec group(Call call) {
        GroupRec group = state.groupByIdOrPath(call.path("id"));
        if (group == null || !state.canRead(call.user(), group)) {
            throw ApiException.notFound("Group");
        }
        return group;
    }

    public InstanceState state() {
        return state;
    }
}
