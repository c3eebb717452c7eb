package io.streamdns.bench.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A fleet's cold start: N Services spread over C clusters, one watcher each, all into one empty zone (see
 * {@link ColdStartScenario}).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "N Services over C clusters (a watcher each) into an empty zone at once: time and Route 53 calls "
                + "vs the lower bound (target <= 1.3x).")
public final class FleetScenario extends ColdStartScenario {
    @Option(names = "--services", defaultValue = "100000", description = "Services in all clusters together (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--clusters", defaultValue = "10", description = "Clusters, a watcher each (default: ${DEFAULT-VALUE}).")
    int clusters;

    @Override
    String name() {
        return "fleet";
    }

    @Override
    int services() {
        return services;
    }

    @Override
    int clusters() {
        if (clusters < 1) {
            throw invalid("--clusters", clusters + " must be at least 1");
        }
        return clusters;
    }

    @Override
    double limit() {
        return BurstScenario.LIMIT;
    }
}
