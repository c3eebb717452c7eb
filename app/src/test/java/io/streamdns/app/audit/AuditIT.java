package io.streamdns.app.audit;

import static io.streamdns.app.audit.AuditFixtures.a;
import static io.streamdns.app.audit.AuditFixtures.cname;
import static io.streamdns.app.audit.AuditFixtures.outcome;
import static io.streamdns.app.audit.AuditFixtures.ownership;
import static io.streamdns.app.audit.AuditFixtures.plan;
import static io.streamdns.app.audit.AuditFixtures.provenance;
import static io.streamdns.app.audit.AuditFixtures.result;
import static io.streamdns.app.audit.AuditFixtures.source;
import static io.streamdns.app.audit.AuditFixtures.zoneRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdns.app.Main;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome.Action;
import io.streamdns.model.ChangeOutcome.Status;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code streamdns audit} against a real broker holding a trail written exactly as the stages write it: a
 * create/update/delete story, a written record, a record Route 53 refused, a name skipped because someone else owns
 * it, and a name the watcher refused.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class AuditIT {
    static final int PARTITIONS = 3;
    static final String WEB = "kube-a/Service/default/web";
    static final String API = "kube-a/Service/default/api";
    static final String BAD = "kube-a/Ingress/shop/bad";
    static final String TAKEN = "kube-b/Service/shop/taken";
    static final String REFUSED_MESSAGE = "InvalidChangeBatch: [RRSet of type CNAME with DNS name bad.example.com. "
            + "is not permitted because a conflicting RRSet of type A with the same DNS name already exists in zone "
            + "example.com.]";
    static final long BASE = Instant.now().minusSeconds(3600).toEpochMilli();

    @TempDir
    static Path dataDir;
    static EmbeddedKafka kafka;
    static String bootstrap;

    @BeforeAll
    static void writeTheTrail() throws Exception {
        kafka = EmbeddedKafka.start(dataDir, 0, PARTITIONS);
        bootstrap = kafka.bootstrapServers();
        Map<String, Object> config = new HashMap<>(KafkaSettings.producer(bootstrap, "audit-it"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (ProducerRecord<String, byte[]> r : trail()) {
                producer.send(r).get();
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static long at(int second) {
        return BASE + second * 1000L;
    }

    static List<ProducerRecord<String, byte[]>> trail() {
        Endpoint w1 = a("www.example.com", "1.2.3.4");
        Endpoint w2 = a("www.example.com", "5.6.7.8");
        Endpoint wTxt = ownership("www.example.com", "A", "default", "service/default/web");
        Endpoint api = a("api.example.com", "10.1.1.1");
        Endpoint apiTxt = ownership("api.example.com", "A", "default", "service/default/api");
        Endpoint bad = cname("bad.example.com", "lb-1.eu-west-1.elb.amazonaws.com");
        Endpoint badTxt = ownership("bad.example.com", "CNAME", "default", "ingress/shop/bad");
        Endpoint taken = a("taken.example.com", "10.2.2.2");
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        // www: created, updated, deleted
        out.add(sourced(1, source(WEB, "100", at(1) - 20, List.of(w1), List.of())));
        out.add(planned(2, plan("p-www-1", at(2), at(1) - 20, List.of(w1, wTxt), List.of(), List.of(), List.of(),
                List.of(provenance("www.example.com", WEB, "100", at(1) - 20)), List.of())));
        out.add(applied(3, result("p-www-1", ApplyResult.Status.APPLIED, List.of("C-WWW-1"), at(1) - 20, at(3) - 10,
                outcome(Action.CREATE, w1, Status.APPLIED, null), outcome(Action.CREATE, wTxt, Status.APPLIED, null))));
        out.add(zone(3, zoneRecord(w1)));
        out.add(zone(3, zoneRecord(wTxt)));
        out.add(sourced(4, source(WEB, "101", at(4) - 20, List.of(w2), List.of())));
        out.add(planned(5, plan("p-www-2", at(5), at(4) - 20, List.of(), List.of(w1), List.of(w2), List.of(),
                List.of(provenance("www.example.com", WEB, "101", at(4) - 20)), List.of())));
        out.add(applied(6, result("p-www-2", ApplyResult.Status.APPLIED, List.of("C-WWW-2"), at(4) - 20, at(6) - 10,
                outcome(Action.UPDATE, w2, Status.APPLIED, null))));
        out.add(zone(6, zoneRecord(w2)));
        out.add(record(Topics.SOURCES, 7, RecordKey.of("example.com", WEB), null));
        out.add(planned(8, plan("p-www-3", at(8), at(7), List.of(), List.of(), List.of(), List.of(w2, wTxt),
                List.of(), List.of())));
        out.add(applied(9, result("p-www-3", ApplyResult.Status.APPLIED, List.of("C-WWW-3"), at(7), at(9) - 10,
                outcome(Action.DELETE, w2, Status.APPLIED, null), outcome(Action.DELETE, wTxt, Status.APPLIED, null))));
        out.add(record(Topics.ZONE_STATE, 9, AuditFixtures.zoneKey(zoneRecord(w2)), null));
        out.add(record(Topics.ZONE_STATE, 9, AuditFixtures.zoneKey(zoneRecord(wTxt)), null));
        // api: written
        out.add(sourced(10, source(API, "7", at(10) - 20, List.of(api), List.of())));
        out.add(planned(11, plan("p-api-1", at(11), at(10) - 20, List.of(api, apiTxt), List.of(), List.of(),
                List.of(), List.of(provenance("api.example.com", API, "7", at(10) - 20)), List.of())));
        out.add(applied(12, result("p-api-1", ApplyResult.Status.APPLIED, List.of("C-API-1"), at(10) - 20, at(12),
                outcome(Action.CREATE, api, Status.APPLIED, null), outcome(Action.CREATE, apiTxt, Status.APPLIED, null))));
        out.add(zone(12, zoneRecord(api)));
        out.add(zone(12, zoneRecord(apiTxt)));
        // bad: refused by Route 53 (an A record someone made by hand is in the way)
        out.add(zone(13, zoneRecord(a("bad.example.com", "192.0.2.9"))));
        out.add(sourced(14, source(BAD, "55", at(14) - 20, List.of(bad), List.of())));
        out.add(planned(15, plan("p-bad-1", at(15), at(14) - 20, List.of(bad, badTxt), List.of(), List.of(),
                List.of(), List.of(provenance("bad.example.com", BAD, "55", at(14) - 20)), List.of())));
        out.add(applied(16, result("p-bad-1", ApplyResult.Status.FAILED, List.of(), at(14) - 20, 0,
                outcome(Action.CREATE, bad, Status.REJECTED, REFUSED_MESSAGE),
                outcome(Action.CREATE, badTxt, Status.REJECTED, REFUSED_MESSAGE))));
        // taken: another owner's record
        out.add(zone(17, zoneRecord(a("taken.example.com", "192.0.2.1"))));
        out.add(zone(17, zoneRecord(ownership("taken.example.com", "A", "other-team", "service/x/y"))));
        out.add(sourced(18, source(TAKEN, "9", at(18) - 20, List.of(taken), List.of())));
        out.add(planned(19, plan("p-taken-1", at(19), at(18) - 20, List.of(), List.of(), List.of(), List.of(),
                List.of(provenance("taken.example.com", TAKEN, "9", at(18) - 20)),
                List.of(new Rejection("taken.example.com", "A", "owned by 'other-team', not by 'default'")))));
        // filtered.example.net: refused by the watcher (its shard is example.net)
        SourceState front = source("kube-a/Ingress/shop/front", "3", at(20) - 20, List.of(), List.of(
                new Rejection("filtered.example.net", "A", "'filtered.example.net' is outside the domain filter [example.com]")));
        out.add(record(Topics.SOURCES, 20, RecordKey.of("example.net", front.ref().identity()), JsonCodec.encode(front)));
        // an undecodable plan in the shard, and a decoy in another partition: neither may disturb the answers
        out.add(record(Topics.PLANS, 21, RecordKey.of("example.com", "p-garbage"),
                "not json".getBytes(StandardCharsets.UTF_8)));
        int other = (Partitioning.partitionOfShard("example.com", PARTITIONS) + 1) % PARTITIONS;
        SourceState decoy = source("kube-z/Service/x/decoy", "1", at(22), List.of(a("www.example.com", "6.6.6.6")),
                List.of());
        out.add(new ProducerRecord<>(Topics.SOURCES, other, at(22), RecordKey.of("example.com", decoy.ref().identity()),
                JsonCodec.encode(decoy)));
        return out;
    }

    static ProducerRecord<String, byte[]> sourced(int second, SourceState s) {
        return record(Topics.SOURCES, second, AuditFixtures.sourceKey(s), JsonCodec.encode(s));
    }

    static ProducerRecord<String, byte[]> planned(int second, ChangePlan p) {
        return record(Topics.PLANS, second, AuditFixtures.planKey(p.planId()), JsonCodec.encode(p));
    }

    static ProducerRecord<String, byte[]> applied(int second, ApplyResult r) {
        return record(Topics.RESULTS, second, AuditFixtures.planKey(r.planId()), JsonCodec.encode(r));
    }

    static ProducerRecord<String, byte[]> zone(int second, ZoneRecord r) {
        return record(Topics.ZONE_STATE, second, AuditFixtures.zoneKey(r), JsonCodec.encode(r));
    }

    static ProducerRecord<String, byte[]> record(String topic, int second, String key, byte[] value) {
        return new ProducerRecord<>(topic, null, at(second), key, value);
    }

    record Run(int code, String out, String err) {
    }

    static Run audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of("audit"), Stream.of(args)).toArray(String[]::new);
        return new Run(cmd.execute(all), out.toString(), err.toString());
    }

    static Run onBroker(String command, String name, String... more) {
        List<String> args = new ArrayList<>(List.of(command, name, "--kafka-bootstrap-servers", bootstrap,
                "--domain-filter", "example.com"));
        args.addAll(List.of(more));
        return audit(args.toArray(String[]::new));
    }

    @Test
    void historyListsEveryStepInOrderWithObjectsPlansAndOutcomes() {
        Run run = onBroker("history", "www.example.com");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsSubsequence(
                WEB + " rv 100 wants", "wants      A www.example.com [1.2.3.4]",
                "p-www-1 for " + WEB + " rv 100", "CREATE     A www.example.com [1.2.3.4]",
                "CREATE     TXT a-www.example.com [ownership{owner=default resource=service/default/web}] ttl 300  (ownership)",
                "p-www-1 APPLIED change C-WWW-1, 1 attempt, end-to-end 2010 ms",
                WEB + " rv 101 wants",
                "p-www-2 for " + WEB + " rv 101", "UPDATE     A www.example.com [1.2.3.4] -> [5.6.7.8]",
                "p-www-2 APPLIED change C-WWW-2",
                WEB + " deleted",
                "p-www-3\n", "DELETE     A www.example.com [5.6.7.8]", "DELETE     TXT a-www.example.com",
                "p-www-3 APPLIED change C-WWW-3",
                "note: streamdns.plans partition");
        assertThat(run.out()).doesNotContain("decoy", "api.example.com", "6.6.6.6").contains("undecodable");
        assertThat(run.out().lines().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*"))).hasSize(9);
    }

    @Test
    void historyJsonParsesAndNamesThePartitionItRead() throws Exception {
        Run run = onBroker("history", "www.example.com", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("name").asText()).isEqualTo("www.example.com");
        assertThat(doc.get("shard").asText()).isEqualTo("example.com");
        int partition = Partitioning.partitionOfShard("example.com", PARTITIONS);
        for (String topic : List.of(Topics.SOURCES, Topics.PLANS, Topics.RESULTS)) {
            assertThat(doc.get("partitions").get(topic).asInt()).as(topic).isEqualTo(partition);
        }
        List<String> stages = new ArrayList<>();
        doc.get("steps").forEach(s -> stages.add(s.get("stage").asText()));
        assertThat(stages).containsExactly("source", "plan", "result", "source", "plan", "result", "source", "plan",
                "result");
        JsonNode first = doc.get("steps").get(0);
        assertThat(first.get("object").asText()).isEqualTo(WEB);
        assertThat(first.get("resourceVersion").asText()).isEqualTo("100");
        assertThat(first.get("observedAt").asLong()).isEqualTo(at(1) - 20);
        assertThat(first.get("timestamp").asLong()).isEqualTo(at(1));
        JsonNode result = doc.get("steps").get(2);
        assertThat(result.get("changeIds").get(0).asText()).isEqualTo("C-WWW-1");
        assertThat(result.get("endToEndMillis").asLong()).isEqualTo(2010);
        assertThat(result.get("outcomes").get(0).get("status").asText()).isEqualTo("APPLIED");
    }

    @Test
    void historyWindowKeepsTheStepsBetweenSinceAndUntil() {
        Run run = onBroker("history", "www.example.com", "--since", Instant.ofEpochMilli(at(4)).toString(),
                "--until", Instant.ofEpochMilli(at(6)).toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("rv 101 wants", "p-www-2").doesNotContain("p-www-1", "p-www-3")
                .contains("3 earlier step(s) before --since not shown", "3 later step(s) after --until not shown");
    }

    static Stream<Arguments> whys() {
        return Stream.of(
                Arguments.of("a written record", "api.example.com", List.of(
                        "api.example.com: WRITTEN", "written by plan p-api-1 (change C-API-1), APPLIED",
                        "A     api.example.com [10.1.1.1] ttl 300 zone Z1EXAMPLE",
                        "TXT   a-api.example.com [ownership{owner=default resource=service/default/api}]", "ownership record: owner=default resource=service/default/api",
                        API + " rv 7", "plan p-api-1 answered " + API + " rv 7")),
                Arguments.of("a record Route 53 refused", "bad.example.com", List.of(
                        "bad.example.com: REFUSED_BY_ROUTE53",
                        "Route 53 refused CREATE CNAME bad.example.com in plan p-bad-1: " + REFUSED_MESSAGE,
                        "A     bad.example.com [192.0.2.9]", "no TXT ownership record in zone-state",
                        BAD + " rv 55", "REJECTED   CREATE CNAME bad.example.com")),
                Arguments.of("a name owned by someone else", "taken.example.com", List.of(
                        "taken.example.com: SKIPPED_BY_PLANNER",
                        "the planner left it alone in plan p-taken-1: owned by 'other-team', not by 'default'",
                        "owner=other-team", "A     taken.example.com [192.0.2.1]", TAKEN + " rv 9")),
                Arguments.of("a name the watcher refused", "filtered.example.net", List.of(
                        "filtered.example.net: REJECTED_BY_WATCHER",
                        "outside the domain filter [example.com] (asked for by kube-a/Ingress/shop/front rv 3)")),
                Arguments.of("a deleted record", "www.example.com", List.of(
                        "www.example.com: DELETED", "deleted by plan p-www-3 (change C-WWW-3), APPLIED",
                        "(no record of this name)")));
    }

    @ParameterizedTest(name = "why explains {0}")
    @MethodSource("whys")
    void whyExplains(String title, String name, List<String> expected) {
        Run run = onBroker("why", name);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains(expected);
    }

    @Test
    void whyJsonParses() throws Exception {
        Run run = onBroker("why", "bad.example.com", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("verdict").asText()).isEqualTo("REFUSED_BY_ROUTE53");
        assertThat(doc.get("result").get("outcomes").get(0).get("message").asText()).isEqualTo(REFUSED_MESSAGE);
        assertThat(doc.get("plan").get("objects").get(0).get("resourceVersion").asText()).isEqualTo("55");
        assertThat(doc.get("records").get(0).get("values").get(0).asText()).isEqualTo("192.0.2.9");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("empty label", new String[] {"why", "www..example.com"}, "not a valid DNS name: empty label"),
                Arguments.of("a single label", new String[] {"history", "localhost"}, "needs at least two labels"),
                Arguments.of("a bad character", new String[] {"why", "ex ample.com"}, "character ' ' (U+0020 SPACE) not allowed"),
                Arguments.of("a bad --since", new String[] {"history", "www.example.com", "--since", "yesterday"},
                        "--since: 'yesterday' is neither"),
                Arguments.of("no name", new String[] {"why"}, "Missing required parameter: '<name>'"),
                Arguments.of("no question", new String[] {}, "history <name> or why <name>"),
                Arguments.of("both TXT prefix and suffix",
                        new String[] {"why", "www.example.com", "--txt-prefix", "p.", "--txt-suffix", "-s"},
                        "mutually exclusive"));
    }

    @ParameterizedTest(name = "bad input ends with 2: {0}")
    @MethodSource("badInput")
    void badInputEndsWithTwo(String title, String[] args, String message) {
        Run run = audit(args);
        assertThat(run.code()).isEqualTo(AuditExit.BAD_INPUT);
        assertThat(run.err()).contains(message);
    }

    @ParameterizedTest(name = "unknown name ends with 1: {0}")
    @MethodSource("questions")
    void unknownNameEndsWithOne(String command) {
        Run run = onBroker(command, "nobody.example.com");
        assertThat(run.code()).isEqualTo(AuditExit.NOTHING_KNOWN);
        assertThat(run.err()).contains("nothing on the trail mentions nobody.example.com (shard example.com");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownNameStillGivesAJsonDocument() throws Exception {
        Run run = onBroker("why", "nobody.example.com", "--json");
        assertThat(run.code()).isEqualTo(AuditExit.NOTHING_KNOWN);
        assertThat(new ObjectMapper().readTree(run.out()).get("verdict").asText()).isEqualTo("UNKNOWN");
    }

    static Stream<String> questions() {
        return Stream.of("history", "why");
    }

    @Test
    void unreachableBrokerEndsWithThree() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run run = audit("why", "www.example.com", "--kafka-bootstrap-servers", "127.0.0.1:" + closed);
        assertThat(run.code()).isEqualTo(AuditExit.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:" + closed, "no answer within 10 s");
    }

    @Test
    void readsTheEmbeddedBrokersDataDir() {
        Run run = audit("why", "api.example.com", "--data-dir", dataDir.toString(), "--domain-filter", "example.com");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("api.example.com: WRITTEN");

        Run missing = audit("history", "api.example.com", "--data-dir", dataDir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(AuditExit.UNREACHABLE);
        assertThat(missing.err()).contains("does not exist", "streamdns demo", "--kafka-bootstrap-servers");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"why", "--help"},
                new String[] {"history", "--help"})) {
            Run run = audit(args);
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("Exit codes:", "1   nothing on the trail mentions the name",
                    "3   broker unreachable");
        }
    }
}
