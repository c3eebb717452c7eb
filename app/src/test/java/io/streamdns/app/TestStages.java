package io.streamdns.app;

import io.streamdns.runtime.StageContext;
import io.vertx.core.Deployable;
import java.util.function.Function;
import picocli.CommandLine;

/** Builds a stage the way its command does (flags parsed and validated by picocli), for tests in other packages. */
public final class TestStages {
    private TestStages() {
    }

    public record Built(String name, Function<StageContext, Deployable> verticle, AutoCloseable resources) {
    }

    public static Built build(Object command, String... args) {
        new CommandLine(command).parseArgs(args);
        StageCommand.Prepared p = ((StageCommand) command).prepare();
        return new Built(p.name(), p.verticle(), p.resources());
    }

    public static Object watcher() {
        return new WatcherCommand();
    }

    public static Object planner() {
        return new PlannerCommand();
    }

    public static Object applier() {
        return new ApplierCommand();
    }
}
