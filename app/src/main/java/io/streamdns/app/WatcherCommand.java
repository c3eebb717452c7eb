package io.streamdns.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "watcher", mixinStandardHelpOptions = true, description = "Streams Kubernetes Services and Ingresses of one cluster onto Kafka.")
public final class WatcherCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("streamdns watcher is not available in this build yet (see issue 4).");
        return 2;
    }
}
