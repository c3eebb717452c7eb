package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.BrokerRig;
import io.streamdns.app.Main;
import io.streamdns.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover between planner processes, each its own JVM as in a Deployment: after {@code kill -9} of one, the other
 * holds all partitions within 10 s (session timeout + a heartbeat); after SIGTERM the stopped one leaves the group
 * and the move is at once. Figures go to stdout ("failover: ...").
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class FailoverIT {
    private static final String GROUP = "streamdns-planner";
    private static final int PARTITIONS = 6;
    @RegisterExtension
    static final BrokerRig RIG = new BrokerRig(PARTITIONS);
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        processes.clear();
        // the next test starts from an empty group
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!members().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @Test
    void killedPlannerIsReplacedWithinTenSeconds() throws Exception {
        Process first = planner("p1", false);
        planner("p2", false);
        awaitSplit();
        long t0 = System.nanoTime();
        first.destroyForcibly(); // SIGKILL: no leave, the session has to expire
        long ms = awaitSoleOwner(t0, 30);
        System.out.printf("failover: kill -9 of a planner → survivor holds all %d partitions after %d ms%n",
                2 * PARTITIONS, ms);
        assertThat(ms).as("takeover after kill -9, ms").isLessThanOrEqualTo(10_000);
    }

    @Test
    void stoppedPlannerLeavesTheGroupAtOnce() throws Exception {
        Process first = planner("p3", false);
        planner("p4", false);
        awaitSplit();
        long t0 = System.nanoTime();
        first.destroy(); // SIGTERM: the shutdown hook closes the consumer, which leaves the group
        long ms = awaitSoleOwner(t0, 30);
        System.out.printf("failover: SIGTERM of a planner → survivor holds all %d partitions after %d ms%n",
                2 * PARTITIONS, ms);
        assertThat(ms).as("takeover after SIGTERM, ms").isLessThan(5_000);
    }

    @Test
    void staticMemberKeepsItsPartitionsUntilTheSessionTimesOut() throws Exception {
        Process first = planner("p5", true);
        planner("p6", true);
        awaitSplit();
        long t0 = System.nanoTime();
        first.destroy(); // a static member does not leave: the trade-off for restarts without a rebalance
        long ms = awaitSoleOwner(t0, 30);
        System.out.printf("failover: SIGTERM of a static member → survivor holds all partitions after %d ms%n", ms);
        assertThat(ms).as("a static member stays until its session expires").isGreaterThan(4_000)
                .isLessThanOrEqualTo(10_000);
    }

    private Process planner(String pod, boolean staticMember) throws Exception {
        Path log = Files.createTempFile("failover-" + pod, ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "planner", "--policy=sync", "--kafka-bootstrap-servers=" + RIG.bootstrap(),
                "--http-port=0", "--txt-owner-id=failover"));
        if (staticMember) {
            cmd.add("--kafka-static-membership");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("POD_NAME", pod);
        pb.environment().keySet().removeIf(k -> k.startsWith("STREAMDNS_"));
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Until two members share the partitions of both input topics. */
    private static void awaitSplit() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            List<MemberDescription> members = members();
            if (members.size() == 2 && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                    && assigned(members).size() == 2 * PARTITIONS) {
                return;
            }
            assertThat(System.nanoTime()).as("two planners in the group: " + members).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Milliseconds from t0 until one member holds every partition. */
    private static long awaitSoleOwner(long t0, int maxSeconds) throws Exception {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (true) {
            List<MemberDescription> members = members();
            if (members.size() == 1 && assigned(members).size() == 2 * PARTITIONS) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            assertThat(System.nanoTime()).as("one planner holds everything: " + members).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Set<TopicPartition> assigned(List<MemberDescription> members) {
        return members.stream().flatMap(m -> m.assignment().topicPartitions().stream())
                .filter(tp -> tp.topic().equals(Topics.SOURCES) || tp.topic().equals(Topics.ZONE_STATE))
                .collect(Collectors.toSet());
    }

    private static List<MemberDescription> members() throws Exception {
        try {
            ConsumerGroupDescription d = RIG.admin().describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS)
                    .get(GROUP);
            return d == null ? List.of() : List.copyOf(d.members());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of(); // not formed yet
            }
            throw e;
        }
    }
}
