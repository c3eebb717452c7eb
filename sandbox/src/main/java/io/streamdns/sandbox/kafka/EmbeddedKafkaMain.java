package io.streamdns.sandbox.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded broker as a process of its own, for fault tests that kill it ({@code kill -9}) and restart it on the
 * same data dir: {@code java -cp <jar> io.streamdns.sandbox.kafka.EmbeddedKafkaMain <data-dir> <port> <partitions>}.
 * Prints {@code READY <bootstrap servers>} on stdout once the broker and the topics are up.
 */
public final class EmbeddedKafkaMain {
    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedKafkaMain <data-dir> <port> <partitions>");
            System.exit(2);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        System.out.println("READY " + kafka.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
