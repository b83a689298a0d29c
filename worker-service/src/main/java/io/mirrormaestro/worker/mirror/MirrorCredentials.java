package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.settings.TokenLookup;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.command.PollCache;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Finds and decrypts the token a mirror URL embeds: the mirror's own token when it has one (a project access token
 * moved over from the original tool, kept until the mirror is moved to group tokens), else one of the remote
 * instance's group tokens, for the most specific group above the remote project. A missing token is a rejection, not
 * a mirror without credentials, which GitLab would accept and then fail on silently at every sync.
 */
@Component
class MirrorCredentials {

    private final MongoTemplate mongo;
    private final TokenCipher cipher;

    MirrorCredentials(MongoTemplate mongo, TokenCipher cipher) {
        this.mongo = mongo;
        this.cipher = cipher;
    }

    Credentials resolve(MirrorContext context) {
        MirrorTokenRecord own = mongo.findById(context.id(), MirrorTokenRecord.class);
        if (own != null) {
            return decrypt(own, context);
        }
        return groupToken(context);
    }

    private Credentials groupToken(MirrorContext context) {
        InstanceRecord remote = context.remoteInstance();
        String path = context.remotePath();
        List<GroupTokenRecord> tokens = PollCache.get(
                List.of("group tokens", remote.id()),
                () -> mongo.find(Query.query(where("gitlab_instance_id").is(remote.id())), GroupTokenRecord.class));
        GroupTokenRecord token = TokenLookup.forProject(tokens, remote.id(), path)
                .orElseThrow(() -> new CommandRejectedException("no group access token on instance '" + remote.name()
                        + "' for " + path + " (tried groups: " + String.join(", ", GroupPaths.namespacesOf(path))
                        + "); add one in the group settings, the mirror cannot authenticate without it"));
        return decrypt(token);
    }

    /**
     * The token the rotation names, if it names one and it covers the remote project; else the usual lookup. Naming a
     * group token is also how a mirror with a token of its own is moved to group tokens.
     */
    Credentials forRotation(MirrorContext context) {
        Long wanted = context.command() instanceof RotateMirrorCredentials rotate ? rotate.groupTokenId() : null;
        if (wanted == null) {
            return resolve(context);
        }
        GroupTokenRecord token = mongo.findById(wanted, GroupTokenRecord.class);
        if (token == null) {
            throw new CommandRejectedException("group token " + wanted + " no longer exists");
        }
        InstanceRecord remote = context.remoteInstance();
        if (token.gitlabInstanceId() != remote.id()
                || !GroupPaths.namespacesOf(context.remotePath()).contains(token.groupPath())) {
            throw new CommandRejectedException("group token " + wanted + " (group " + token.groupPath()
                    + ") does not cover " + context.remotePath() + " on instance '" + remote.name() + "'");
        }
        return decrypt(token);
    }

    private Credentials decrypt(MirrorTokenRecord token, MirrorContext context) {
        String secret;
        try {
            secret = cipher.decrypt(token.encryptedToken());
        } catch (RuntimeException e) {
            throw new CommandRejectedException("the project access token of mirror " + context.id()
                    + " cannot be decrypted with this worker's encryption key");
        }
        return new Credentials(
                token.mirrorId(), context.remotePath(), token.tokenName(), secret, token.tokenExpiresAt(), true);
    }

    private Credentials decrypt(GroupTokenRecord token) {
        String secret;
        try {
            secret = cipher.decrypt(token.encryptedToken());
        } catch (RuntimeException e) {
            throw new CommandRejectedException("group token " + token.id() + " (group " + token.groupPath()
                    + ") cannot be decrypted with this worker's encryption key");
        }
        return new Credentials(token.id(), token.groupPath(), token.tokenName(), secret, token.tokenExpiresAt());
    }
}
