/**
 * Instance checks: the {@link io.mirrormaestro.common.command.CheckInstance} handler reads GitLab's version and the
 * token's user, writes them onto the instance's document and answers
 * {@link io.mirrormaestro.common.event.InstanceChecked}. Read-only on GitLab.
 */
package io.mirrormaestro.worker.instance;
