package io.streamdns.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "applier", mixinStandardHelpOptions = true, description = "Applies change plans to Route 53 with batching, rate limiting and retry.")
public final class ApplierCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("streamdns applier is not available in this build yet (see issue 6).");
        return 2;
    }
}
