/**
 * Test-control endpoints under {@code /-/sim} (a prefix GitLab never serves), for tests, demos and benchmarks on
 * loopback: state dumps ({@code StateDump}) and the knobs of {@code AdminApi}.
 */
package io.mirrormaestro.gitlab.simulator.admin;
