package org.gitlab4j.api;

import io.mirrormaestro.common.net.AddressGuard;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gitlab4j.api.utils.JacksonJson;
import org.gitlab4j.models.Constants.TokenType;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;

/**
 * gitlab4j-api 6.2.0's client, changed in one place: how a request is started. gitlab4j sets
 * {@code followRedirects} on every request's target; Jersey copies a target's configuration when a property is
 * set on it, and a copied configuration builds its own client runtime (injection manager, providers, service
 * lookups), which costs milliseconds of CPU per GitLab request and made CPU the ceiling of every bulk operation.
 * Here the redirect and timeout settings are part of the one client configuration, so all requests share a single
 * runtime and connection handling. Everything else (paths, encoding, error handling, the APIs built on
 * {@link AbstractApi}) is gitlab4j's own.
 *
 * <p>Unless private addresses are allowed, every connection is checked by {@link AddressGuard} when it is opened
 * (on what the host resolves to then), and redirects are not followed, so neither a name that later resolves to an
 * internal address nor a redirect can aim the client at one.
 *
 * <p>It lives in gitlab4j's package because that is the only way to hand a {@link GitLabApi} another client.
 */
public final class SingleRuntimeApiClient extends GitLabApiClient {

    private static final String PRIVATE_TOKEN_HEADER = "PRIVATE-TOKEN";

    private final Client client;
    private final String token;

    private SingleRuntimeApiClient(
            String url, String token, Duration connectTimeout, Duration readTimeout, boolean allowPrivateAddresses) {
        super(GitLabApi.ApiVersion.V4, url, TokenType.PRIVATE, token, null, null);
        this.token = token;
        ClientConfig config = new ClientConfig()
                .property(ClientProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(ClientProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
                .property(ClientProperties.FOLLOW_REDIRECTS, allowPrivateAddresses)
                .property(ClientProperties.CONNECT_TIMEOUT, (int) connectTimeout.toMillis())
                .property(ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis());
        config.register(JacksonJson.class);
        config.register(JacksonFeature.class);
        config.register(MultiPartFeature.class);
        if (!allowPrivateAddresses) {
            config.connectorProvider(new HttpUrlConnectorProvider().connectionFactory(SingleRuntimeApiClient::guarded));
        }
        this.client = new JerseyClientBuilder().withConfig(config).build();
    }

    /**
     * A gitlab4j API for one GitLab and one personal, project, group or impersonation token.
     *
     * @param allowPrivateAddresses whether the GitLab may be on loopback or a private network
     *     ({@code MM_ALLOW_PRIVATE_ADDRESSES})
     */
    public static GitLabApi connect(
            String url, String token, Duration connectTimeout, Duration readTimeout, boolean allowPrivateAddresses) {
        GitLabApi api = new GitLabApi(url, token);
        GitLabApiClient replaced = api.apiClient;
        api.apiClient = new SingleRuntimeApiClient(url, token, connectTimeout, readTimeout, allowPrivateAddresses);
        replaced.close();
        return api;
    }

    private static HttpURLConnection guarded(URL url) throws IOException {
        AddressGuard.require(url.getHost());
        return (HttpURLConnection) url.openConnection();
    }

    @Override
    protected Invocation.Builder invocation(URL url, MultivaluedMap<String, String> queryParams, String accept) {
        WebTarget target = client.target(url.toExternalForm());
        if (queryParams != null) {
            for (Map.Entry<String, List<String>> param : queryParams.entrySet()) {
                target = target.queryParam(param.getKey(), param.getValue().toArray());
            }
        }
        Invocation.Builder builder = target.request().header(PRIVATE_TOKEN_HEADER, token);
        return accept == null || accept.isBlank() ? builder : builder.accept(accept);
    }

    @Override
    public void close() {
        client.close();
        super.close();
    }
}
