package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.worker.gitlab.MirrorUrl;
import java.time.LocalDate;

/**
 * The group access token a mirror URL embeds, decrypted. {@link #toString} never prints the secret.
 *
 * @param tokenId the stored group token's id, recorded on the mirror
 * @param userName what goes before the colon: the token's name (GitLab accepts any name for a token)
 */
record Credentials(long tokenId, String groupPath, String userName, String secret, LocalDate expiresAt) {

    /** {@code url} with {@code name:token@} as userinfo, both percent-encoded: the form push mirrors take. */
    String embedIn(String url) {
        return MirrorUrl.withCredentials(url, userName, secret);
    }

    String describe() {
        return "token '" + userName + "' of group " + groupPath;
    }

    @Override
    public String toString() {
        return "Credentials[tokenId=" + tokenId + ", groupPath=" + groupPath + ", userName=" + userName
                + ", secret=*****, expiresAt=" + expiresAt + "]";
    }
}
