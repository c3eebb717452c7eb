package io.streamdns.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

class LineFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-01T13:00:00.123Z");

    @AfterEach
    void reset() {
        LogConfig.configure(Level.INFO, "text");
        LogConfig.output(null);
    }

    @Test
    void jsonIsOneObjectPerEventWithTheFieldsThePatternNames() throws Exception {
        String line = LineFormat.json(AT, "io.streamdns.planner.ShardPlanner", Level.INFO,
                "[{}] plan {}: {} create for name {}", new Object[] {"example.com", "p-7", 2, "www.example.com"},
                null, List.of(new KeyValuePair("cluster", "c1")));
        assertThat(line).doesNotContain("\n");
        JsonNode n = JSON.readTree(line);
        assertThat(n.get("time").asText()).isEqualTo("2026-12-01T13:00:00.123Z");
        assertThat(n.get("level").asText()).isEqualTo("info");
        assertThat(n.get("logger").asText()).isEqualTo("ShardPlanner");
        assertThat(n.get("msg").asText()).isEqualTo("[example.com] plan p-7: 2 create for name www.example.com");
        assertThat(n.get("shard").asText()).isEqualTo("example.com");
        assertThat(n.get("plan_id").asText()).isEqualTo("p-7");
        assertThat(n.get("name").asText()).isEqualTo("www.example.com");
        assertThat(n.get("cluster").asText()).isEqualTo("c1");
    }

    @Test
    void anErrorsStackIsOneEscapedField() throws Exception {
        String line = LineFormat.json(AT, "x.Y", Level.ERROR, "failed \"quoted\"\ttab", null,
                new IllegalStateException("boom"), List.of());
        assertThat(line).doesNotContain("\n");
        JsonNode n = JSON.readTree(line);
        assertThat(n.get("msg").asText()).isEqualTo("failed \"quoted\"\ttab");
        assertThat(n.get("error").asText()).startsWith("java.lang.IllegalStateException: boom").contains("\n\tat ");
    }

    @Test
    void textIsTheFormatOfBefore() {
        assertThat(LineFormat.text(AT, "io.streamdns.app.RunCommand", Level.WARN, "running {}", new Object[] {"x"},
                null)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN RunCommand - running x");
    }

    @Test
    void levelAndFormatApplyToEveryLoggerAndLibrariesStayQuiet() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LogConfig.output(new PrintStream(buf, true, StandardCharsets.UTF_8));
        LogConfig.configure(LogConfig.level("debug"), "json");
        Logger ours = LoggerFactory.getLogger("io.streamdns.test.Ours");
        Logger kafka = LoggerFactory.getLogger("org.apache.kafka.clients.Chatty");
        ours.debug("[{}] debug line", "s1");
        kafka.info("library info");
        kafka.warn("library warning");
        ours.atInfo().addKeyValue("plan_id", "p9").log("fluent");
        LogConfig.configure(LogConfig.level("error"), "json");
        ours.warn("not shown");
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        for (String l : lines) {
            JSON.readTree(l);
        }
        assertThat(JSON.readTree(lines.get(0)).get("shard").asText()).isEqualTo("s1");
        assertThat(JSON.readTree(lines.get(1)).get("msg").asText()).isEqualTo("library warning");
        assertThat(JSON.readTree(lines.get(2)).get("plan_id").asText()).isEqualTo("p9");
    }

    @Test
    void externalDnsLevelNames() {
        assertThat(LogConfig.level("warning")).isEqualTo(Level.WARN);
        assertThat(LogConfig.level("panic")).isEqualTo(Level.ERROR);
        assertThat(LogConfig.level("fatal")).isEqualTo(Level.ERROR);
        assertThat(LogConfig.level("debug")).isEqualTo(Level.DEBUG);
    }
}
