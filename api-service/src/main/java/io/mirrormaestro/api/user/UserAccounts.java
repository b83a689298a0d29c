package io.mirrormaestro.api.user;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.NotFoundException;
import io.mirrormaestro.api.problem.UnprocessableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The users in MongoDB. At start-up, while there is no admin, the user of {@code MM_AUTH_USERNAME} and
 * {@code MM_AUTH_PASSWORD} becomes one; as long as nobody changed that user's password through the API, a changed
 * {@code MM_AUTH_PASSWORD} applies at the next start, as it did before there were users. The last admin can be
 * neither deleted nor demoted.
 */
@Component
public class UserAccounts implements ApplicationRunner {

    /** The seeded admin whose password still follows the settings. */
    static final String SETTINGS = "settings";

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    private final MongoTemplate mongo;
    private final PasswordEncoder encoder;
    private final ApiSettings settings;
    private final Clock clock;

    UserAccounts(MongoTemplate mongo, PasswordEncoder encoder, ApiSettings settings, Clock clock) {
        this.mongo = mongo;
        this.encoder = encoder;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedFirstAdmin();
    }

    void seedFirstAdmin() {
        ApiSettings.Auth auth = settings.auth();
        Optional<UserAccount> existing = find(auth.username());
        if (existing.isPresent()) {
            UserAccount account = existing.get();
            if (SETTINGS.equals(account.source()) && !encoder.matches(auth.password(), account.passwordHash())) {
                mongo.updateFirst(
                        byName(account.username()),
                        new Update()
                                .set("password_hash", encoder.encode(auth.password()))
                                .set("updated_at", clock.instant()),
                        UserAccount.class);
                log.info("password of {} follows MM_AUTH_PASSWORD again", account.username());
            }
            return;
        }
        if (mongo.exists(Query.query(where("role").is(Role.ADMIN.wireName())), UserAccount.class)) {
            return;
        }
        Instant now = clock.instant();
        try {
            mongo.insert(new UserAccount(
                    auth.username(), encoder.encode(auth.password()), Role.ADMIN.wireName(), SETTINGS, now, now));
            log.info("first admin {} created from MM_AUTH_USERNAME", auth.username());
        } catch (DuplicateKeyException e) {
            // another api-service instance seeded it at the same time
        }
    }

    public List<UserAccount> list() {
        return mongo.find(new Query().with(Sort.by("_id")), UserAccount.class);
    }

    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(mongo.findById(username, UserAccount.class));
    }

    public UserAccount get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("user", username));
    }

    public UserAccount create(String username, String password, Role role) {
        Instant now = clock.instant();
        UserAccount account =
                new UserAccount(username, encoder.encode(password), role.wireName(), UserAccount.LOCAL, now, now);
        try {
            return mongo.insert(account);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("username", "a user named " + username + " already exists");
        }
    }

    public UserAccount changeRole(String username, Role role) {
        UserAccount account = get(username);
        if (role != Role.ADMIN && account.roleOrViewer() == Role.ADMIN) {
            requireAnotherAdmin(username, "demote");
        }
        mongo.updateFirst(
                byName(username),
                new Update().set("role", role.wireName()).set("updated_at", clock.instant()),
                UserAccount.class);
        return get(username);
    }

    public UserAccount resetPassword(String username, String password) {
        UserAccount account = get(username);
        if (UserAccount.OIDC.equals(account.source())) {
            throw new ConflictException(
                    "password", username + " signs in through OpenID Connect and has no password here");
        }
        mongo.updateFirst(
                byName(username),
                new Update()
                        .set("password_hash", encoder.encode(password))
                        .set("source", UserAccount.LOCAL)
                        .set("updated_at", clock.instant()),
                UserAccount.class);
        return get(username);
    }

    /** A user changing their own password: the current one must match. */
    public UserAccount changeOwnPassword(String username, String current, String password) {
        UserAccount account = get(username);
        if (UserAccount.OIDC.equals(account.source())) {
            throw new ConflictException(
                    "password", username + " signs in through OpenID Connect and has no password here");
        }
        if (account.passwordHash() == null || !encoder.matches(current, account.passwordHash())) {
            throw new UnprocessableException("current_password", "is not your current password");
        }
        return resetPassword(username, password);
    }

    public void delete(String username) {
        UserAccount account = get(username);
        if (account.roleOrViewer() == Role.ADMIN) {
            requireAnotherAdmin(username, "delete");
        }
        mongo.remove(byName(username), UserAccount.class);
    }

    /**
     * Records a user who signed in through OpenID Connect with the role the provider's claim gave, so admins see
     * them and their API tokens carry that role.
     */
    public void signedInThroughOidc(String username, Role role) {
        Instant now = clock.instant();
        UserAccount local = mongo.findById(username, UserAccount.class);
        if (local != null && !UserAccount.OIDC.equals(local.source())) {
            return; // a local user of that name keeps its own role
        }
        mongo.upsert(
                byName(username),
                new Update()
                        .set("role", role.wireName())
                        .set("source", UserAccount.OIDC)
                        .set("updated_at", now)
                        .setOnInsert("created_at", now),
                UserAccount.class);
    }

    private void requireAnotherAdmin(String username, String what) {
        boolean another = mongo.exists(
                Query.query(where("role").is(Role.ADMIN.wireName()).and("_id").ne(username)), UserAccount.class);
        if (!another) {
            throw new ConflictException("username", "cannot " + what + " " + username + ": it is the last admin");
        }
    }

    private static Query byName(String username) {
        return Query.query(where("_id").is(username));
    }
}
