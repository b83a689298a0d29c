package io.mirrormaestro.api.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own API tokens. The token itself is in the creation's answer only; lists show its first
 * characters.
 */
@RestController
@RequestMapping("/api/users/me/tokens")
class TokenController {

    private final ApiTokens tokens;
    private final UserAccounts users;

    TokenController(ApiTokens tokens, UserAccounts users) {
        this.tokens = tokens;
        this.users = users;
    }

    record TokenView(String id, String name, String prefix, Instant createdAt) {
        static TokenView of(ApiTokenRecord r) {
            return new TokenView(r.id(), r.name(), r.prefix(), r.createdAt());
        }
    }

    record CreatedToken(String id, String name, String prefix, Instant createdAt, String token) {
        @Override
        public String toString() {
            return "CreatedToken[id=" + id + ", name=" + name + ", token=****]";
        }
    }

    record CreateToken(@NotBlank @Size(max = 100) String name) {}

    @GetMapping
    List<TokenView> list(Principal me) {
        return tokens.list(me.getName()).stream().map(TokenView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedToken create(Principal me, @Valid @RequestBody CreateToken body) {
        // a token acts with its user's role, read from the users at each use: only stored users can hold one
        users.find(me.getName())
                .orElseThrow(() -> new io.mirrormaestro.api.problem.ConflictException(
                        "username", me.getName() + " is not a stored user and cannot hold API tokens"));
        ApiTokens.Created created = tokens.create(me.getName(), body.name().trim());
        ApiTokenRecord r = created.record();
        return new CreatedToken(r.id(), r.name(), r.prefix(), r.createdAt(), created.token());
    }

    @DeleteMapping("/{id}")
    Map<String, Object> revoke(Principal me, @PathVariable String id) {
        tokens.revoke(me.getName(), id);
        return Map.of("status", "deleted", "id", id);
    }
}
