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
}
