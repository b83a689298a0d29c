package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.worker.gitlab.MirrorUrl;
import java.time.LocalDate;

/**
 * The token a mirror URL embeds, decrypted: a group access token, or the mirror's own project access token (moved
 * over from the original tool, see {@code MirrorTokenRecord}). {@link #toString} never prints the secret.
 *
 * @param tokenId the stored group token's id, recorded on the mirror; for a mirror's own token, the mirror's id
 * @param groupPath the group token's group; for a mirror's own token, the project it belongs to
 * @param userName what goes before the colon: the token's name (GitLab accepts any name for a token)
 * @param perMirror the mirror's own token rather than a group token
 */
record Credentials(
        long tokenId, String groupPath, String userName, String secret, LocalDate expiresAt, boolean perMirror) {

    /** A group token's credentials. */
    Credentials(long tokenId, String groupPath, String userName, String secret, LocalDate expiresAt) {
        this(tokenId, groupPath, userName, secret, expiresAt, false);
    }

    /** {@code url} with {@code name:token@} as userinfo, both percent-encoded: the form push mirrors take. */
    String embedIn(String url) {
        return MirrorUrl.withCredentials(url, userName, secret);
    }

    String describe() {
        return perMirror
                ? "its own project access token '" + userName + "' of " + groupPath
                : "token '" + userName + "' of group " + groupPath;
    }

    @Override
    public String toString() {
        return "Credentials[tokenId=" + tokenId + ", groupPath=" + groupPath + ", userName=" + userName
                + ", secret=*****, expiresAt=" + expiresAt + ", perMirror=" + perMirror + "]";
    }
}
