package io.streamdns.applier.provider;

import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Builds the one Route 53 client of a process: SDK retries off (ours are the only retry layer), {@code aws-global}
 * unless {@code --aws-region}, {@code --aws-endpoint-url} for the emulator or a proxy, credentials from the default
 * chain (env, profile, web identity/IRSA through the sts module, container, instance) or an assumed role.
 * The SDK keeps its own small Netty event loop: it cannot share Vert.x's.
 */
public final class Route53Clients {
    private static final Logger LOG = LoggerFactory.getLogger(Route53Clients.class);

    private Route53Clients() {
    }

    /**
     * @param profile    {@code --aws-profile}: the named profile of the shared config files, empty for the default
     * @param externalId {@code --aws-assume-role-external-id}, empty for none
     */
    public record Settings(String region, String endpointUrl, String assumeRole, AwsCredentialsProvider credentials,
                           String profile, String externalId) {
        public Settings(String region, String endpointUrl, String assumeRole, AwsCredentialsProvider credentials) {
            this(region, endpointUrl, assumeRole, credentials, "", "");
        }

        public Settings withCredentials(AwsCredentialsProvider c) {
            return new Settings(region, endpointUrl, assumeRole, c, profile, externalId);
        }
    }

    /**
     * The signing region: {@code --aws-region}, else {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION} (as the AWS
     * CLI and external-dns read them), else {@code aws-global}. GovCloud and China accounts sign with their own.
     */
    public static Region region(String flag, java.util.Map<String, String> env) {
        for (String candidate : new String[] {flag, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Region.of(candidate.strip());
            }
        }
        return Region.AWS_GLOBAL;
    }

    /** @param interceptors e.g. the HTTP request metrics, on every call of the client */
    public static Route53AsyncClient create(Settings s, ExecutionInterceptor... interceptors) {
        Region region = region(s.region(), System.getenv());
        AwsCredentialsProvider credentials = credentials(s, region);
        RetryStrategy noRetries = AwsRetryStrategy.doNotRetry();
        var builder = Route53AsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(noRetries)
                        .apiCallAttemptTimeout(Duration.ofSeconds(20))
                        .apiCallTimeout(Duration.ofSeconds(30))
                        .executionInterceptors(java.util.List.of(interceptors)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(16)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(1)));
        if (s.endpointUrl() != null && !s.endpointUrl().isBlank()) {
            builder.endpointOverride(URI.create(s.endpointUrl()));
        }
        return builder.build();
    }

    /**
     * The default chain (env, profile, web identity/IRSA, container, instance) refreshing in the background: expiring
     * credentials (IRSA tokens, IMDS, container) are renewed on the SDK's thread, never inside a Route 53 call made
     * from the applier's event loop, as the assume-role path does too.
     */
    public static DefaultCredentialsProvider defaultChain() {
        return defaultChain("");
    }

    /** The default chain, reading {@code profile} of the shared config files when one is named. */
    public static DefaultCredentialsProvider defaultChain(String profile) {
        var b = DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(true);
        if (profile != null && !profile.isBlank()) {
            b.profileName(profile.strip());
        }
        return b.build();
    }

    private static AwsCredentialsProvider credentials(Settings s, Region region) {
        AwsCredentialsProvider base = s.credentials() != null ? s.credentials() : defaultChain(s.profile());
        if (s.assumeRole() == null || s.assumeRole().isBlank()) {
            return base;
        }
        Region stsRegion = region.isGlobalRegion() ? Region.US_EAST_1 : region;
        StsClient sts = StsClient.builder().region(stsRegion).credentialsProvider(base).build();
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .asyncCredentialUpdateEnabled(true) // refreshed in the background, never on a caller's thread
                .refreshRequest(assumeRoleRequest(s))
                .build();
        try {
            // the first STS call blocks: make it here, at start-up, not inside the first Route 53 call on an event loop
            assumed.resolveCredentials();
        } catch (RuntimeException e) {
            LOG.warn("cannot assume role {} yet: {}", s.assumeRole(), e.getMessage());
        }
        return assumed;
    }

    /** The role to assume, with {@code --aws-assume-role-external-id} when given. */
    static AssumeRoleRequest assumeRoleRequest(Settings s) {
        var b = AssumeRoleRequest.builder().roleArn(s.assumeRole()).roleSessionName("streamdns-applier");
        if (s.externalId() != null && !s.externalId().isBlank()) {
            b.externalId(s.externalId().strip());
        }
        return b.build();
    }

    /**
     * Resolves credentials once, blocking (call from a worker): the chain may read files or call IMDS/STS, which must
     * not happen on an event loop later. With an endpoint override (the emulator) and no credentials found anywhere,
     * falls back to fixed dummy ones.
     */
    public static AwsCredentialsProvider resolveOrFallback(Settings s) {
        AwsCredentialsProvider provider = s.credentials() != null ? s.credentials() : defaultChain(s.profile());
        try {
            provider.resolveCredentials();
            return provider;
        } catch (RuntimeException e) {
            if (s.credentials() == null) {
                ((DefaultCredentialsProvider) provider).close(); // its refresh thread, if one started
            }
            if (s.endpointUrl() != null && !s.endpointUrl().isBlank() && (s.assumeRole() == null || s.assumeRole().isBlank())) {
                String why = String.valueOf(e.getMessage());
                LOG.warn("no AWS credentials found ({}); using dummy credentials for endpoint {}",
                        why.length() > 100 ? why.substring(0, 100) + "…" : why, s.endpointUrl());
                return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTREAMDNSLOCAL", "streamdns-local"));
            }
            throw new IllegalStateException("no AWS credentials: " + e.getMessage(), e);
        }
    }
}
