package io.streamdns.bench.scenario;

import io.streamdns.bench.Report;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A scenario: measures, prints its one JSON line, exits 0 when the target was met and 1 when it was missed. */
public abstract class Scenario implements Callable<Integer> {
    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    protected abstract Report measure() throws Exception;

    @Override
    public final Integer call() throws Exception {
        Report report = measure();
        report.print(spec.commandLine().getOut());
        return report.met() ? 0 : 1;
    }

    protected static double millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1e6;
    }

    /** Fails the scenario with a usage error naming the option. */
    protected CommandLine.ParameterException invalid(String option, String why) {
        return new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + why);
    }
}
