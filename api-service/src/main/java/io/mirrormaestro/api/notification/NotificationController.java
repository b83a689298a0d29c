package io.mirrormaestro.api.notification;

import io.mirrormaestro.api.web.Deleted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/notifications}: channels (with a test send), rules and the delivery log. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Channels channels;
    private final Rules rules;
    private final Deliveries deliveries;
    private final Delivery delivery;
    private final Clock clock;

    NotificationController(Channels channels, Rules rules, Deliveries deliveries, Delivery delivery, Clock clock) {
        this.channels = channels;
        this.rules = rules;
        this.deliveries = deliveries;
        this.delivery = delivery;
        this.clock = clock;
    }

    @GetMapping("/channels")
    List<ChannelView> channels() {
        return channels.list().stream().map(ChannelView::of).toList();
    }

    @GetMapping("/channels/{id}")
    ChannelView channel(@PathVariable long id) {
        return ChannelView.of(channels.get(id));
    }

    @PostMapping("/channels")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelView createChannel(@Valid @RequestBody ChannelBody body) {
        return ChannelView.of(channels.create(body));
    }

    /** Replaces the channel; a {@code secret} or {@code password} left out keeps the stored one. */
    @PutMapping("/channels/{id}")
    ChannelView replaceChannel(@PathVariable long id, @Valid @RequestBody ChannelBody body) {
        return ChannelView.of(channels.replace(id, body));
    }

    /** Removes the channel and its rules. */
    @DeleteMapping("/channels/{id}")
    Deleted deleteChannel(@PathVariable long id) {
        return Deleted.of(channels.delete(id));
    }

    /** Sends a test message now, with the usual retries, and answers its delivery (also in the log). */
    @PostMapping("/channels/{id}/test")
    DeliveryRecord test(@PathVariable long id) {
        ChannelRecord channel = channels.get(id);
        Instant now = clock.instant();
        Message message = new Message(
                UUID.randomUUID().toString(),
                true,
                null,
                null,
                channel.id(),
                channel.name(),
                now,
                0,
                Map.of(),
                List.of());
        return deliveries.record(channel, null, message, delivery.send(channel, message), now);
    }

    @GetMapping("/rules")
    List<RuleView> rules(@RequestParam(name = "channel_id", required = false) Long channelId) {
        return rules.list(channelId).stream().map(RuleView::of).toList();
    }

    @GetMapping("/rules/{id}")
    RuleView rule(@PathVariable long id) {
        return RuleView.of(rules.get(id));
    }

    @PostMapping("/rules")
    @ResponseStatus(HttpStatus.CREATED)
    RuleView createRule(@Valid @RequestBody RuleBody body) {
        return RuleView.of(rules.create(body));
    }

    @PutMapping("/rules/{id}")
    RuleView replaceRule(@PathVariable long id, @Valid @RequestBody RuleBody body) {
        return RuleView.of(rules.replace(id, body));
    }

    @DeleteMapping("/rules/{id}")
    Deleted deleteRule(@PathVariable long id) {
        return Deleted.of(rules.delete(id));
    }

    /** The delivery log, newest first. */
    @GetMapping("/deliveries")
    Deliveries.Page deliveries(
            @RequestParam(name = "channel_id", required = false) Long channelId,
            @RequestParam(name = "rule_id", required = false) Long ruleId,
            @RequestParam(required = false)
                    @Pattern(regexp = "delivered|failed", message = "must be delivered or failed")
                    String outcome,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "page_size", defaultValue = "50") @Min(1) @Max(200) int pageSize) {
        return deliveries.page(channelId, ruleId, outcome, page, pageSize);
    }
}
