package io.streamdns.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.ZoneRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZoneTableTest {
    @Test
    void rendersSortedAlignedRows() {
        String table = ZoneTable.render(List.of(
                new ZoneRecord("Z1", "example.com", "webapp.example.com", "A", 300, List.of("203.0.113.10", "198.51.100.7"), null, null, Map.of()),
                new ZoneRecord("Z1", "example.com", "a-webapp.example.com", "TXT", 300, List.of("\"heritage=external-dns\""), null, null, Map.of()),
                new ZoneRecord("Z1", "example.com", "shop.example.com", "A", 0, List.of(), "cluster-a",
                        new AliasTarget("Z35SXDOTRQ7X7K", "lb-1.us-east-1.elb.amazonaws.com", true), Map.of("aws/weight", "1"))));
        assertThat(table.lines().toList()).containsExactly(
                "  NAME                  TYPE  TTL    SET-ID     VALUE",
                "  a-webapp.example.com  TXT   300    -          \"heritage=external-dns\"",
                "  shop.example.com      A     alias  cluster-a  ALIAS lb-1.us-east-1.elb.amazonaws.com (Z35SXDOTRQ7X7K)",
                "  webapp.example.com    A     300    -          198.51.100.7 203.0.113.10");
    }
}
