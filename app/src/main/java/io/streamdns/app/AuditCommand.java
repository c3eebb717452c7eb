package io.streamdns.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Answers why a DNS name points where it does, from the Kafka trail.")
public final class AuditCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("streamdns audit is not available in this build yet (see issue 9).");
        return 2;
    }
}
