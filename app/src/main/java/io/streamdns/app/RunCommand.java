package io.streamdns.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs watcher, planner and applier in one JVM.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("streamdns run is not available in this build yet (see issue 7).");
        return 2;
    }
}
