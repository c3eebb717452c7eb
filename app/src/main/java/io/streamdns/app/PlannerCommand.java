package io.streamdns.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "planner", mixinStandardHelpOptions = true, description = "Plans record changes per shard from sources and zone state.")
public final class PlannerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("streamdns planner is not available in this build yet (see issue 5).");
        return 2;
    }
}
