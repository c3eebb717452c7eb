package io.streamdns.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.bench.Report;
import io.streamdns.bench.Stats;
import io.streamdns.bench.jmh.PlanCoreBenchmark;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** JMH on the planner's pure core: a full plan of the shard, an incremental plan of one name, at two shard sizes. */
@Command(name = "plan-core", mixinStandardHelpOptions = true,
        description = "JMH: full plan of 100,000 names; incremental plan of one name in a 10k vs 100k shard.")
public final class PlanCoreScenario extends Scenario {
    @Option(names = "--names", split = ",", defaultValue = "10000,100000",
            description = "Shard sizes; the largest is judged, the smallest is the baseline (default: ${DEFAULT-VALUE}).")
    List<Integer> names;

    @Option(names = "--forks", defaultValue = "1", description = "JMH forks, 0 = in this JVM (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup-iterations", defaultValue = "3", description = "(default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--iteration-ms", defaultValue = "2000", description = "Length of an iteration (default: ${DEFAULT-VALUE}).")
    long iterationMs;

    @Override
    protected Report measure() throws Exception {
        int small = names.stream().min(Integer::compare).orElseThrow();
        int large = names.stream().max(Integer::compare).orElseThrow();
        Report report = new Report("plan-core").param("names", names).param("forks", forks)
                .param("warmupIterations", warmups).param("iterations", iterations).param("iterationMs", iterationMs);
        OptionsBuilder options = new OptionsBuilder();
        options.include(PlanCoreBenchmark.class.getName() + "\\.").forks(forks)
                .warmupIterations(warmups).warmupTime(TimeValue.milliseconds(iterationMs))
                .measurementIterations(iterations).measurementTime(TimeValue.milliseconds(iterationMs))
                .param("names", names.stream().map(String::valueOf).toArray(String[]::new))
                .shouldFailOnError(true);
        // JMH's progress goes to stderr: stdout carries only the result line
        Collection<RunResult> results = new Runner(options.build(),
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL)).run();
        Map<String, Double> score = new HashMap<>();
        ArrayNode rows = Report.mapper().createArrayNode();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            bench = bench.substring(bench.lastIndexOf('.') + 1);
            int n = Integer.parseInt(r.getParams().getParam("names"));
            Statistics s = r.getPrimaryResult().getStatistics();
            ObjectNode row = rows.addObject();
            row.put("benchmark", bench);
            row.put("names", n);
            row.put("unit", r.getPrimaryResult().getScoreUnit());
            row.put("mean", Stats.round(s.getMean()));
            row.put("median", Stats.round(s.getPercentile(50)));
            row.put("min", Stats.round(s.getMin()));
            row.put("max", Stats.round(s.getMax()));
            row.put("error99", Stats.round(r.getPrimaryResult().getScoreError()));
            row.put("iterations", s.getN());
            score.put(bench + "@" + n, s.getPercentile(50));
        }
        report.measured("results", rows);
        double fullMs = score.get("fullPlan@" + large) / 1000.0;
        double incLarge = score.get("incrementalPlan@" + large);
        double incSmall = score.get("incrementalPlan@" + small);
        double growth = incLarge / incSmall;
        report.measured("fullPlanMs", fullMs);
        report.measured("incrementalUs", incLarge);
        report.measured("incrementalGrowth", growth);
        boolean met = fullMs < 1000 && incLarge < 1000 && growth <= 2.0;
        report.target("full plan of " + large + " names < 1000 ms; incremental plan of one name < 1000 us and at most "
                + "2x its cost at " + small + " names", 1000, met);
        return report;
    }
}
