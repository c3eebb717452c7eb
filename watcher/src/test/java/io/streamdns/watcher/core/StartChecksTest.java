package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.control.SyncMarker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartChecksTest {
    static final long NOW = 10_000_000;
    static final Duration WINDOW = Duration.ofMinutes(20);
    static final Map<String, String> NGINX = Map.of("source", "ingress", "ingress-class", "nginx");
    static final Map<String, String> ALB = Map.of("source", "ingress", "ingress-class", "alb");

    static SyncMarker marker(String cluster, String identity, String scope, Map<String, String> spec, long at) {
        return new SyncMarker(cluster, identity, scope, spec, 0, at, 1, 0);
    }

    /** marker (cluster, scope, spec, age in s) vs this watcher (scope, spec, --scope-changed) → refused? */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            no marker                       | -     | -       | -     | 0    | default | nginx | false | false
            same spec                       | c     | default | nginx | 10   | default | nginx | false | false
            other spec, recent              | c     | default | alb   | 10   | default | nginx | false | true
            other spec, recent, changed     | c     | default | alb   | 10   | default | nginx | true  | false
            other spec, older than window   | c     | default | alb   | 1201 | default | nginx | false | false
            other spec, just in window      | c     | default | alb   | 1199 | default | nginx | false | true
            other spec in another scope     | c     | alb     | alb   | 10   | nginx   | nginx | false | false
            other spec of another cluster   | other | default | alb   | 10   | default | nginx | false | false
            """)
    void scopeConflict(String what, String cluster, String scope, String spec, long ageSeconds, String myScope,
                       String mySpec, boolean changed, boolean refused) {
        List<SyncMarker> markers = cluster.equals("-") ? List.of()
                : List.of(marker(cluster, null, scope, spec(spec), NOW - ageSeconds * 1000));
        Optional<String> r = StartChecks.scopeConflict("c", myScope, spec(mySpec), markers, NOW, WINDOW, changed);
        assertThat(r.isPresent()).as(what).isEqualTo(refused);
        r.ifPresent(m -> assertThat(m).contains("--watcher-scope").contains("--scope-changed")
                .contains("ingress-class=alb").contains("ingress-class=nginx"));
    }

    private static Map<String, String> spec(String name) {
        return name.equals("nginx") ? NGINX : ALB;
    }

    /** markers' identities vs this API server's (null: unreadable), --cluster-replaced → refused? */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            no markers                          | -          | uid-a | false | false
            same identity                       | uid-a      | uid-a | false | false
            other identity                      | uid-b      | uid-a | false | true
            other identity, replaced            | uid-b      | uid-a | true  | false
            marker without identity             | null       | uid-a | false | false
            identity unreadable                 | uid-b      | null  | false | false
            one scope same, one other           | uid-a,uid-b | uid-a | false | true
            other identity of another cluster   | x:uid-b    | uid-a | false | false
            """)
    void identityConflict(String what, String identities, String mine, boolean replaced, boolean refused) {
        List<SyncMarker> markers = identities == null ? List.of(marker("c", null, "default", NGINX, NOW))
                : identities.equals("-") ? List.of()
                : Arrays.stream(identities.split(",")).map(i -> i.startsWith("x:")
                        ? marker("other", i.substring(2), "default", NGINX, NOW)
                        : marker("c", i, "s-" + i, NGINX, NOW)).toList();
        Optional<String> r = StartChecks.identityConflict("c", mine, markers, replaced);
        assertThat(r.isPresent()).as(what).isEqualTo(refused);
        r.ifPresent(m -> assertThat(m).contains("uid-a").contains("uid-b").contains("--cluster-replaced"));
    }
}
