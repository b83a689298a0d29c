package io.mirrormaestro.api.user;

import io.mirrormaestro.api.problem.UnprocessableException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users, for admins only (the security configuration refuses everyone else with 403). */
@RestController
@RequestMapping("/api/users")
class UserController {

    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";

    private final UserAccounts users;
    private final ApiTokens tokens;

    UserController(UserAccounts users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** A user as the API shows it: never the password hash. */
    record UserView(String username, String role, String source, Instant createdAt, Instant updatedAt) {
        static UserView of(UserAccount a) {
            return new UserView(
                    a.username(),
                    a.role(),
                    UserAccounts.SETTINGS.equals(a.source()) ? UserAccount.LOCAL : a.source(),
                    a.createdAt(),
                    a.updatedAt());
        }
    }

    record CreateUser(
            @NotBlank
                    @Pattern(
                            regexp = NAME_PATTERN,
                            message = "must be 1 to 100 letters, digits, '.', '_', '@' or '-', starting with a letter"
                                    + " or digit")
                    String username,
            @NotNull @Size(min = 8, max = 200) String password,
            @NotBlank String role) {

        @Override
        public String toString() {
            return "CreateUser[username=" + username + ", password=****, role=" + role + "]";
        }
    }

    record ChangeRole(@NotBlank String role) {}

    record ResetPassword(@NotNull @Size(min = 8, max = 200) String password) {
        @Override
        public String toString() {
            return "ResetPassword[password=****]";
        }
    }

    @GetMapping
    List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GetMapping("/{username}")
    UserView get(@PathVariable String username) {
        return UserView.of(users.get(username));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@Valid @RequestBody CreateUser body) {
        if (AccountController.ME.equals(body.username())) {
            throw new UnprocessableException("username", "'me' names the signed-in user in paths; choose another name");
        }
        return UserView.of(users.create(body.username(), body.password(), role(body.role())));
    }

    @PutMapping("/{username}/role")
    UserView changeRole(@PathVariable String username, @Valid @RequestBody ChangeRole body) {
        return UserView.of(users.changeRole(username, role(body.role())));
    }

    @PutMapping("/{username}/password")
    UserView resetPassword(@PathVariable String username, @Valid @RequestBody ResetPassword body) {
        return UserView.of(users.resetPassword(username, body.password()));
    }

    @DeleteMapping("/{username}")
    Map<String, Object> delete(@PathVariable String username) {
        users.delete(username);
        tokens.revokeAll(username);
        return Map.of("status", "deleted", "username", username);
    }

    private static Role role(String value) {
        return Role.parse(value)
                .orElseThrow(() -> new UnprocessableException("role", "must be one of " + Role.wireNames()));
    }
}
