package io.streamdns.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TxtRecordFormatTest {

    @Test
    void writesExternalDnsFormatWithSortedLabels() {
        assertThat(TxtRecordFormat.value(Map.of("owner", "default", "resource", "service/default/web")))
                .isEqualTo("\"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\"");
        assertThat(TxtRecordFormat.value(Map.of("owner", "o", "resource", "ingress/ns/x", "cluster", "c1")))
                .isEqualTo("\"heritage=external-dns,external-dns/cluster=c1,external-dns/owner=o,external-dns/resource=ingress/ns/x\"");
    }

    @Test
    void readsExternalDnsValues() {
        assertThat(TxtRecordFormat.parse("\"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\""))
                .contains(Map.of("owner", "default", "resource", "service/default/web"));
        assertThat(TxtRecordFormat.parse("heritage=external-dns,external-dns/owner=x")).contains(Map.of("owner", "x"));
        assertThat(TxtRecordFormat.parse("\"v=spf1 -all\"")).isEmpty();
        assertThat(TxtRecordFormat.parse("\"external-dns/owner=x\"")).isEmpty();
    }

    @Test
    void splitsValuesLongerThan255IntoSeveralStringsAndJoinsThemBack() {
        String longName = "n".repeat(300);
        Map<String, String> labels = Map.of("owner", "default", "resource", "service/default/" + longName);
        String value = TxtRecordFormat.value(labels);
        assertThat(value).startsWith("\"heritage=external-dns,").contains("\" \"");
        for (String part : value.split("\" \"")) {
            assertThat(part.replace("\"", "")).hasSizeLessThanOrEqualTo(TxtRecordFormat.MAX_STRING);
        }
        assertThat(TxtRecordFormat.parse(value)).contains(labels);
    }
}
