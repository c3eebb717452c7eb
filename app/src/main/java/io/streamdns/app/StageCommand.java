package io.streamdns.app;

import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.runtime.config.StartRefusedException;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Function;

/**
 * A stage's command ({@code watcher}, {@code planner}, {@code applier}) split in two, so that {@code run} can combine
 * them: {@link #prepare()} validates the flags and builds the clients the stage needs (no Kafka yet), then the
 * verticle is made once Kafka and the shared process context exist.
 */
interface StageCommand {

    /** Validates flags (a bad value throws a ParameterException naming the flag) and builds the stage's clients. */
    Prepared prepare();

    /** The options every stage command carries (Kafka, data dir, HTTP port). */
    SharedOptions shared();

    /**
     * A stage ready to deploy, what to close when the process stops, and the settings it must share with every other
     * stage of the pipeline (only those it has: see {@link PipelineSettings}).
     */
    record Prepared(String name, Function<StageContext, Deployable> verticle, AutoCloseable resources,
                    PipelineSettings pipeline) {
    }

    /** The pipeline settings of stages run in one process (run, demo): they must agree among themselves too. */
    static PipelineSettings combined(List<Prepared> stages) {
        PipelineSettings all = PipelineSettings.NONE;
        for (Prepared p : stages) {
            List<String> problems = p.pipeline().disagreements(all);
            if (!problems.isEmpty()) {
                throw new StartRefusedException(p.name() + " disagrees with the other "
                        + "stages of this process", problems);
            }
            all = all.orElse(p.pipeline());
        }
        return all;
    }

    /**
     * Runs one prepared stage as a process of its own until SIGTERM/Ctrl-C; its flags were validated by
     * {@link #prepare()}, so a bad flag is reported before a missing Kafka.
     */
    static int runAlone(picocli.CommandLine.Model.CommandSpec spec, SharedOptions shared, Prepared stage) throws Exception {
        try (AutoCloseable resources = stage.resources()) {
            shared.requireBootstrapServers(spec);
            StageLauncher launcher = StageLauncher.start(shared, stage.name(), false, stage.pipeline(), 1);
            try {
                launcher.deploy(List.of(stage.verticle().apply(launcher.context())));
            } catch (RuntimeException e) {
                launcher.close();
                throw e;
            }
            launcher.runUntilStopped();
        }
        return 0;
    }
}
