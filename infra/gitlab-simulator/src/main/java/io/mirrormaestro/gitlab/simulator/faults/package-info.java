/**
 * The realism knobs of one instance ({@code FaultState}: latency, error rules, sync speed, outages) and GitLab's
 * request throttling ({@code RateLimiter}: fixed one-minute windows per token, as Rack::Attack's in GitLab; {@code
 * ApiServer} answers its headers and 429s).
 */
package io.mirrormaestro.gitlab.simulator.faults;
