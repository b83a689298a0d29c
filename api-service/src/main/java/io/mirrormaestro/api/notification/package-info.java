/**
 * Notifications: channels (webhook, email), rules that say which happenings go to which channel for which pairs or
 * groups, and the delivery log. Triggers come from the events the journal sees once for the whole system and from
 * a watch over token expiry and finished batches; they wait as pending items until a rule's digest goes out, at most
 * one message per rule and channel per {@code MM_NOTIFY_MIN_INTERVAL}.
 */
package io.mirrormaestro.api.notification;
