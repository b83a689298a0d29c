/**
 * Web plumbing every feature shares: the OpenAPI description with Swagger UI and ReDoc, the UI's deep links, the
 * WebSocket endpoint, presence-aware update bodies, delete answers and lookups by id that answer 404.
 */
package io.mirrormaestro.api.web;
