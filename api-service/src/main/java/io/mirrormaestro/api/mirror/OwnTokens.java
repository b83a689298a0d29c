package io.mirrormaestro.api.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.settings.TokenLookup;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Moving a mirror from its own token (moved over from the original) to group tokens: a credentials rotation that
 * names the group token covering the mirror's remote project. The worker embeds it (a push mirror is replaced by one
 * with the group token, the old one deleted only after) and only then forgets the mirror's own token; until then the
 * mirror keeps working with its own.
 */
public final class OwnTokens {

    /** The batch action ({@code POST /api/migrate/original/group-tokens}). */
    public static final String ACTION = "use_group_tokens";

    private OwnTokens() {}

    /**
     * @throws BadRequestException naming {@code group_token} when the mirror has no token of its own, or no group
     *     token of the remote instance covers its remote project
     */
    public static RotateMirrorCredentials moveCommand(
            MongoOperations mongo, MirrorRecord mirror, UUID commandId, BatchLineRef line, Instant now) {
        if (mongo.findById(mirror.id(), MirrorTokenRecord.class) == null) {
            throw new BadRequestException("group_token", "mirror " + mirror.id() + " uses group tokens already");
        }
        long remoteInstance = mirror.isPush() ? mirror.targetInstanceId() : mirror.sourceInstanceId();
        String remotePath = mirror.isPush() ? mirror.targetProjectPath() : mirror.sourceProjectPath();
        GroupTokenRecord token = TokenLookup.forProject(
                        mongo.find(Query.query(where("gitlab_instance_id").is(remoteInstance)), GroupTokenRecord.class),
                        remoteInstance,
                        remotePath)
                .orElseThrow(() -> {
                    InstanceRecord instance = mongo.findById(remoteInstance, InstanceRecord.class);
                    return new BadRequestException(
                            "group_token",
                            "no group access token on instance '"
                                    + (instance == null ? remoteInstance : instance.name())
                                    + "' covers " + remotePath + " (tried groups: "
                                    + String.join(", ", GroupPaths.namespacesOf(remotePath))
                                    + "); add one, the mirror keeps its own token until then");
                });
        return new RotateMirrorCredentials(commandId, commandId, now, mirror.id(), token.id(), line);
    }
}
