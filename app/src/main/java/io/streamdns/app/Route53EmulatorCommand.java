package io.streamdns.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its stage lands. */
@Command(name = "route53-emulator", mixinStandardHelpOptions = true, description = "Serves the Route 53 emulator over HTTP.")
public final class Route53EmulatorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("streamdns route53-emulator is not available in this build yet (see issue 3).");
        return 2;
    }
}
