package io.streamdns.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Shows the whole pipeline with no cluster and no AWS account.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("streamdns demo is not available in this build yet (see issue 7).");
        return 2;
    }
}
