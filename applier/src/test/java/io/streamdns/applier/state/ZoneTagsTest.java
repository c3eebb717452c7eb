package io.streamdns.applier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.applier.provider.CallGate;
import io.streamdns.applier.provider.Route53Api;
import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.applier.provider.Route53Provider;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/** {@code --aws-zone-tags}: zones are kept by their Route 53 tags, read with ListTagsForResources (10 a call). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZoneTagsTest {
    Vertx vertx;
    Route53Emulator emulator;
    Route53AsyncClient client;

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
        emulator = Route53Emulator.start(vertx, Route53EmulatorOptions.defaults()).await();
        emulator.throttle().configure(0, 0); // the rate limiter is not under test
        client = Route53Clients.create(new Route53Clients.Settings("", emulator.endpoint().toString(), "",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))));
        for (int i = 0; i < 12; i++) { // 12 zones: two ListTagsForResources calls
            String id = emulator.createZone("z" + i + ".example", false);
            emulator.store().changeTags(id, i % 3 == 0 ? Map.of("team", "dns", "env", "prod")
                    : i % 3 == 1 ? Map.of("team", "dns") : Map.of("team", "web"), List.of());
        }
    }

    @AfterAll
    void stop() {
        client.close();
        vertx.close().await();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(List.of(), 12),
                Arguments.of(List.of("team=dns"), 8),
                Arguments.of(List.of("team=dns", "env=prod"), 4),
                Arguments.of(List.of("env"), 4),
                Arguments.of(List.of("team=ops"), 0));
    }

    @ParameterizedTest(name = "--aws-zone-tags={0} → {1} zones")
    @MethodSource("filters")
    void zonesAreKeptByTheirTags(List<String> tags, int expected) {
        ZoneSelection selection = new ZoneSelection("", Set.of(), DomainFilter.ALL, tags, false);
        ZoneCatalog catalog = new ZoneCatalog(new Route53Provider(Route53Api.of(client), CallGate.DIRECT,
                vertx.getOrCreateContext()), selection);
        List<Zone> kept = catalog.refresh().await().zones();
        assertThat(kept).hasSize(expected);
    }

    @Test
    void aFilterMatchesByValueOrByPresenceAndAllMustMatch() {
        ZoneSelection s = new ZoneSelection("", Set.of(), DomainFilter.ALL, List.of("team=dns", "env"), false);
        assertThat(s.tagRejection(Map.of("team", "dns", "env", ""))).isNull();
        assertThat(s.tagRejection(Map.of("team", "dns"))).contains("--aws-zone-tags=env");
        assertThat(s.tagRejection(Map.of("team", "web", "env", "x"))).contains("--aws-zone-tags=team=dns");
        assertThat(s.tagRejection(null)).isNotNull();
        assertThat(new ZoneSelection("", Set.of(), DomainFilter.ALL).needsTags()).isFalse();
    }
}
