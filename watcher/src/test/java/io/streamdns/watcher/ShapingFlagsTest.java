package io.streamdns.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.Shaping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record-shaping flags become the watcher's immutable mapping options, parsed once, errors naming the flag. */
class ShapingFlagsTest {
    @Test
    void flagsBecomeTheMappingOptions() {
        WatcherConfig c = WatcherConfig.fromMap(Map.of("cluster-name", "c",
                "fqdn-template", "{{ .Name }}.example.com\n{{ trimSuffix .Name \"-v2\" }}.svc.example.com",
                "combine-fqdn-annotation", "true", "ignore-hostname-annotation", "1",
                "default-targets", "10.0.0.1,lb.example.net", "force-default-targets", "true",
                "target-net-filter", "10.0.0.0/8\n2001:db8::/32", "exclude-target-net", "10.9.0.0/16",
                "min-ttl", "1m30s"));
        MappingOptions o = c.mappingOptions();
        Shaping s = o.shaping();
        assertThat(o.fqdnTemplate().templates()).containsExactly("{{ .Name }}.example.com",
                "{{ trimSuffix .Name \"-v2\" }}.svc.example.com");
        assertThat(s.combineFqdnAnnotation()).isTrue();
        assertThat(s.ignoreHostnameAnnotation()).isTrue();
        assertThat(s.defaultTargets()).containsExactly("10.0.0.1", "lb.example.net");
        assertThat(s.forceDefaultTargets()).isTrue();
        assertThat(s.targetNets().include()).hasSize(2);
        assertThat(s.targetNets().keeps("10.1.1.1")).isTrue();
        assertThat(s.targetNets().keeps("10.9.1.1")).isFalse();
        assertThat(s.targetNets().keeps("2001:db8::7")).isTrue();
        assertThat(s.targetNets().keeps("lb.example.net")).isFalse();
        assertThat(s.minTtlSeconds()).isEqualTo(90);
        assertThat(c.scopeSpec()).containsEntry("combine-fqdn-annotation", "true")
                .containsEntry("ignore-hostname-annotation", "true");
    }

    @Test
    void defaultsShapeNothing() {
        Shaping s = WatcherConfig.fromMap(Map.of("cluster-name", "c")).mappingOptions().shaping();
        assertThat(s).isEqualTo(new Shaping(false, false, List.of(), false, s.targetNets(), 0));
        assertThat(s.targetNets().enabled()).isFalse();
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> WatcherConfig.fromMap(Map.of("cluster-name", "c", "target-net-filter", "10.0.0.1")))
                .isInstanceOf(InvalidFlagException.class).hasMessageContaining("target-net-filter")
                .hasMessageContaining("'10.0.0.1' is not a network in CIDR notation");
        assertThatThrownBy(() -> WatcherConfig.fromMap(Map.of("cluster-name", "c", "fqdn-template",
                "{{ .Name | toUpper }}.example.com"))).isInstanceOf(InvalidFlagException.class)
                .hasMessageContaining("fqdn-template").hasMessageContaining("function \"toUpper\" not defined");
        assertThatThrownBy(() -> WatcherConfig.fromMap(Map.of("cluster-name", "c", "default-targets", "-bad-")))
                .isInstanceOf(InvalidFlagException.class).hasMessageContaining("default-targets");
    }
}
