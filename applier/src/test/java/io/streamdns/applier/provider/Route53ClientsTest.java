package io.streamdns.applier.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class Route53ClientsTest {
    @Test
    void theDefaultChainRefreshesInTheBackgroundNotOnTheCallersThread() throws Exception {
        try (DefaultCredentialsProvider chain = Route53Clients.defaultChain()) {
            // the SDK offers no getter: read the flag the builder set (IRSA/web identity, container, IMDS honour it)
            Field f = DefaultCredentialsProvider.class.getDeclaredField("asyncCredentialUpdateEnabled");
            f.setAccessible(true);
            assertThat(f.get(chain)).isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void withoutCredentialsAnEndpointOverrideGetsDummyOnes() {
        AwsCredentialsProvider p = Route53Clients.resolveOrFallback(new Route53Clients.Settings("", "http://127.0.0.1:1",
                "", null));
        // on a developer machine with real credentials the chain itself is returned; both resolve
        assertThat(p.resolveCredentials().accessKeyId()).isNotBlank();
        if (p instanceof StaticCredentialsProvider) {
            assertThat(p.resolveCredentials().accessKeyId()).isEqualTo("AKIDSTREAMDNSLOCAL");
        }
    }

    /** GovCloud and China sign with their own region: the flag, else AWS_REGION, else AWS_DEFAULT_REGION. */
    @org.junit.jupiter.params.ParameterizedTest(name = "flag={0} AWS_REGION={1} AWS_DEFAULT_REGION={2} -> {3}")
    @org.junit.jupiter.params.provider.CsvSource({
            "'', '', '', aws-global",
            "us-gov-west-1, cn-north-1, eu-west-1, us-gov-west-1",
            "'', cn-northwest-1, eu-west-1, cn-northwest-1",
            "'', '', us-gov-east-1, us-gov-east-1"})
    void regionFromFlagThenEnvironment(String flag, String awsRegion, String awsDefaultRegion, String expected) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("AWS_REGION", awsRegion);
        env.put("AWS_DEFAULT_REGION", awsDefaultRegion);
        assertThat(Route53Clients.region(flag, env).id()).isEqualTo(expected);
    }

    @Test
    void theExternalIdGoesIntoTheAssumeRoleCall() {
        var s = new Route53Clients.Settings("", "", "arn:aws:iam::1:role/dns", null, "", "ext-42");
        assertThat(Route53Clients.assumeRoleRequest(s).externalId()).isEqualTo("ext-42");
        assertThat(Route53Clients.assumeRoleRequest(new Route53Clients.Settings("", "", "arn:aws:iam::1:role/dns",
                null)).externalId()).isNull();
    }
}
