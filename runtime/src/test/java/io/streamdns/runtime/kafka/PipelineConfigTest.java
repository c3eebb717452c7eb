package io.streamdns.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.runtime.config.PipelineSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which record of {@code streamdns.config} is in effect: a proposal counts only when based on the one in effect. */
class PipelineConfigTest {
    /**
     * {@code "0 a.com -1 | 1 b.com -1"}: offset, domain filter (or {@code -} for a tombstone, {@code x.com@key} for
     * another key), and the offset the proposal was based on ({@code plain} for a plain write).
     */
    static List<ConsumerRecord<String, byte[]>> log(String spec) throws Exception {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        for (String part : spec.split("\\|")) {
            String[] t = part.trim().split("\\s+");
            long offset = Long.parseLong(t[0]);
            String key = t[1].endsWith("@key") ? "other" : Topics.CONFIG_KEY;
            byte[] value = t[1].equals("-") ? null : JsonCodec.encode(settings(t[1].replace("@key", "")));
            RecordHeaders headers = new RecordHeaders();
            if (!t[2].equals("plain")) {
                headers.add(PipelineConfig.BASED_ON, t[2].getBytes(StandardCharsets.UTF_8));
            }
            out.add(new ConsumerRecord<>(Topics.CONFIG, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, key, value,
                    headers, Optional.empty()));
        }
        return out;
    }

    static PipelineSettings settings(String domain) {
        return PipelineSettings.ofDomains(DomainFilter.of(List.of(domain), List.of()));
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}, latest ignored {3}")
    @CsvSource(delimiter = ';', value = {
            // two stages start at once on an empty topic: the lowest offset wins, the other proposal is ignored
            "0 a.com -1 | 1 b.com -1;                 a.com; 0; true",
            // ... and the winner (or the loser) writes the settings in effect again, so compaction keeps them
            "0 a.com -1 | 1 b.com -1 | 2 a.com 0;     a.com; 2; false",
            // a later stage adding fields on top of the record in effect
            "0 a.com -1 | 1 c.com 0;                  c.com; 1; false",
            // two stages adding at once on top of the same record: the first wins
            "0 a.com -1 | 1 c.com 0 | 2 d.com 0;      c.com; 1; true",
            // config set and records of older stages always take effect
            "0 a.com -1 | 1 b.com plain;              b.com; 1; false",
            "0 a.com plain | 1 b.com plain;           b.com; 1; false",
            // after a tombstone the next proposal based on it wins; a stale one based on "none" does not
            "0 a.com -1 | 1 - -1 | 2 b.com 1;         b.com; 2; false",
            "0 a.com -1 | 1 - -1 | 2 b.com -1;        -;     1; true",
            // compacted: the first record read takes effect whatever it was based on
            "7 b.com 3;                               b.com; 7; false",
            // another key is not the settings; an unreadable header is a plain write
            "0 a.com -1 | 1 x.com@key -1;             a.com; 0; false",
            "0 a.com -1 | 1 b.com ?;                  b.com; 1; false",
    })
    void theRecordInEffect(String spec, String domain, long at, boolean latestIgnored) throws Exception {
        PipelineConfig.Folded f = PipelineConfig.fold(log(spec));
        if (domain.equals("-")) {
            assertThat(f.settings()).isNull();
        } else {
            assertThat(f.settings()).isEqualTo(settings(domain));
        }
        assertThat(f.inEffectAt()).isEqualTo(at);
        assertThat(f.latestIgnored()).isEqualTo(latestIgnored);
    }

    @org.junit.jupiter.api.Test
    void anEmptyPartitionHoldsNothing() {
        PipelineConfig.Folded f = PipelineConfig.fold(List.of());
        assertThat(f.settings()).isNull();
        assertThat(f.inEffectAt()).isEqualTo(-1);
        assertThat(f.latestIgnored()).isFalse();
    }
}
