package io.streamdns.bench.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A cold start of one cluster: N Services appear at once (see {@link ColdStartScenario}). */
@Command(name = "burst", mixinStandardHelpOptions = true,
        description = "N LoadBalancer Services at once: time and Route 53 calls vs the lower bound (target <= 1.3x).")
public final class BurstScenario extends ColdStartScenario {
    @Option(names = "--services", defaultValue = "10000", description = "Services created at once (default: ${DEFAULT-VALUE}).")
    int services;

    static final double LIMIT = 1.3;

    @Override
    String name() {
        return "burst";
    }

    @Override
    int services() {
        return services;
    }

    @Override
    int clusters() {
        return 1;
    }

    @Override
    double limit() {
        return LIMIT;
    }
}
