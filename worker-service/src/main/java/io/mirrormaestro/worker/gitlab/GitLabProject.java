package io.mirrormaestro.worker.gitlab;

/** The parts of {@code GET /projects/:id} that mirror handling needs. */
public record GitLabProject(
        long id, String name, String pathWithNamespace, String httpUrlToRepo, String defaultBranch, boolean archived) {}
