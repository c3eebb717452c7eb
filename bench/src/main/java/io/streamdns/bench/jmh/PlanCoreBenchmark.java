package io.streamdns.bench.jmh;

import io.streamdns.bench.Fixtures;
import io.streamdns.bench.ShardFixture;
import io.streamdns.model.SourceState;
import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.ShardPlanner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The planner's pure core on one shard of {@code names} Services whose zone already holds their records and
 * ownership TXTs (a restart): a full plan of the shard, and an incremental plan after one Service changed address.
 * The incremental plan must cost the same in a 10,000- and a 100,000-name shard.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanCoreBenchmark {
    @Param({"10000", "100000"})
    public int names;

    private ShardPlanner shard;
    private SourceState[] flip;
    private String identity;
    private List<String> touched;
    private int turn;

    @Setup(Level.Trial)
    public void build() {
        Planner planner = ShardFixture.planner();
        shard = ShardFixture.inSync(planner, names);
        int i = names / 2;
        // two new addresses (the zone holds a third), so every invocation plans a real update
        flip = new SourceState[] {ShardFixture.source(i, Fixtures.ip(1 << 22)), ShardFixture.source(i, Fixtures.ip((1 << 22) + 1))};
        identity = ShardFixture.identity(flip[0]);
        touched = List.of(Fixtures.hostName(i, ShardFixture.ZONE));
    }

    /** Every name of the shard: desired vs current, ownership, conflicts. */
    @Benchmark
    public Object fullPlan() {
        return shard.planAll();
    }

    /** One Service changed its address: index it and plan its name. */
    @Benchmark
    public Object incrementalPlan() {
        shard.putSource(identity, flip[turn++ & 1]);
        return shard.plan(touched);
    }
}
