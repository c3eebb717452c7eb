package io.streamdns.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DomainFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
    static final PipelineSettings PLANNER = PipelineSettings.ofDomains(DomainFilter.of(List.of("example.com"), List.of()))
            .withTxt("owner-1", null, "", null).withManagedRecordTypes(List.of("cname", "A")).withPartitions(6);

    @Test
    void fieldsAStageDoesNotHaveAreNotCompared() {
        PipelineSettings watcher = PipelineSettings.ofDomains(DomainFilter.of(List.of("Example.COM."), List.of()));
        assertThat(watcher.disagreements(PLANNER)).isEmpty();
        assertThat(PLANNER.disagreements(watcher)).isEmpty();
        assertThat(PLANNER.disagreements(PipelineSettings.NONE)).isEmpty();
    }

    @Test
    void disagreementNamesTheFlagAndBothValues() {
        PipelineSettings applier = PipelineSettings.ofDomains(DomainFilter.of(List.of("example.org"), List.of("a.example.org")))
                .withTxt("owner-2", "", "", "");
        assertThat(applier.disagreements(PLANNER)).containsExactly(
                "--domain-filter: the pipeline has example.com, this stage has example.org",
                "--exclude-domains: the pipeline has (none), this stage has a.example.org",
                "--txt-owner-id: the pipeline has owner-1, this stage has owner-2");
    }

    @Test
    void regularExpressionsAreComparedAsWritten() {
        PipelineSettings applier = PipelineSettings.ofDomains(DomainFilter.of(List.of("example.com"), List.of(),
                DomainFilter.Regex.of("^api\\.", "")));
        assertThat(applier.disagreements(PLANNER)).containsExactly(
                "--regex-domain-filter: the pipeline has (none), this stage has ^api\\.");
        PipelineSettings older = new PipelineSettings(List.of("example.com"), List.of(), 6, "owner-1", "", "", "",
                List.of("A", "CNAME"), null, null); // a pipeline written before the expressions were kept
        assertThat(applier.disagreements(older)).isEmpty();
        assertThat(older.orElse(applier).regexDomainFilter()).isEqualTo("^api\\.");
    }

    @Test
    void partitionCountIsCompared() {
        assertThat(PLANNER.withPartitions(12).disagreements(PLANNER))
                .containsExactly("--partitions: the pipeline has 6, this stage has 12");
    }

    @Test
    void orElseAddsWhatIsMissingAndChangesNothing() {
        PipelineSettings watcher = PipelineSettings.ofDomains(DomainFilter.of(List.of("example.com"), List.of())).withPartitions(6);
        PipelineSettings merged = watcher.orElse(PLANNER);
        assertThat(merged).isEqualTo(PLANNER);
        assertThat(PipelineSettings.ofDomains(DomainFilter.ALL).orElse(PLANNER).domainFilters()).isEmpty();
    }

    @Test
    void roundTripsThroughTheCodecWithUnsetFieldsUnset() throws Exception {
        PipelineSettings watcher = PipelineSettings.ofDomains(DomainFilter.of(List.of("example.com"), List.of()));
        assertThat(JsonCodec.decode(JsonCodec.encode(PLANNER), PipelineSettings.class)).isEqualTo(PLANNER);
        PipelineSettings back = JsonCodec.decode(JsonCodec.encode(watcher), PipelineSettings.class);
        assertThat(back).isEqualTo(watcher);
        assertThat(back.txtOwnerId()).isNull();
    }

    @Test
    void describeListsTheSetFieldsAsFlags() {
        assertThat(PLANNER.describe()).containsExactly("--domain-filter=example.com", "--exclude-domains=(none)",
                "--regex-domain-filter=(none)", "--regex-domain-exclusion=(none)", "--partitions=6", "--txt-owner-id=owner-1", "--txt-prefix=(none)", "--txt-suffix=(none)",
                "--txt-wildcard-replacement=(none)", "--managed-record-types=A,CNAME");
    }
}
