/**
 * A stand-in for GitLab's REST API v4 (the parts Mirror Maestro calls), for the demo, tests and benchmarks: {@link
 * io.mirrormaestro.gitlab.simulator.GitLabSimulator} runs {@link
 * io.mirrormaestro.gitlab.simulator.SimulatedInstance}s on loopback, each with its projects, groups, users and
 * tokens ({@code SimProject}, {@code SimGroup}, {@code SimUser}), its {@link
 * io.mirrormaestro.gitlab.simulator.Faults} (latency, errors, rate limits, outages) and a log of the requests it
 * answered ({@code RequestLogEntry}). Built to GitLab's documented behaviour, not to what Mirror Maestro happens to
 * send.
 */
package io.mirrormaestro.gitlab.simulator;
