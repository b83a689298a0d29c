package io.mirrormaestro.api.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account, whatever the role: {@code /api/users/me}. */
@RestController
@RequestMapping("/api/users/me")
class AccountController {

    static final String ME = "me";

    private final UserAccounts users;

    AccountController(UserAccounts users) {
        this.users = users;
    }

    record ChangePassword(@NotNull String currentPassword, @NotNull @Size(min = 8, max = 200) String password) {
        @Override
        public String toString() {
            return "ChangePassword[currentPassword=****, password=****]";
        }
    }

    @GetMapping
    UserController.UserView me(Principal me) {
        return UserController.UserView.of(users.get(me.getName()));
    }

    @PutMapping("/password")
    UserController.UserView changePassword(Principal me, @Valid @RequestBody ChangePassword body) {
        return UserController.UserView.of(
                users.changeOwnPassword(me.getName(), body.currentPassword(), body.password()));
    }
}
