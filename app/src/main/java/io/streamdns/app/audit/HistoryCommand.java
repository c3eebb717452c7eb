package io.streamdns.app.audit;

import io.streamdns.app.audit.core.History;
import io.streamdns.app.audit.core.HistoryBuilder;
import io.streamdns.app.audit.core.JsonReport;
import io.streamdns.app.audit.core.TextReport;
import io.streamdns.app.audit.core.TimeBounds;
import io.streamdns.app.audit.core.Trail;
import io.streamdns.model.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamdns audit history <name>}: the timeline of a name from sources, plans and results. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The timeline of a DNS name: which objects (cluster/kind/namespace/name, resourceVersion) "
                + "wanted what, which plan followed, which Route 53 change id and outcome, with Kafka timestamps "
                + "and the end-to-end delay.",
                "Reads only the name's partition of streamdns.sources, streamdns.plans and streamdns.results."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:the trail knows the name",
            "1:nothing on the trail mentions the name",
            "2:bad input (malformed name, invalid flag, usage)",
            "3:broker unreachable, or no embedded broker data in --data-dir"})
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The DNS name, e.g. www.example.com.")
    String name;

    @Option(names = "--since", paramLabel = "<when>",
            description = "Only steps at or after: an ISO-8601 instant (2025-06-01T10:00:00Z) or a duration ago (10m, 2h, 3d).")
    String since;

    @Option(names = "--until", paramLabel = "<when>", description = "Only steps at or before (same forms as --since).")
    String until;

    @Mixin
    AuditOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AuditOptions.Target target = options.target(name);
            Long[] window;
            try {
                window = TimeBounds.window(since, until, Instant.now());
            } catch (IllegalArgumentException e) {
                throw new AuditFailure(AuditExit.BAD_INPUT, e.getMessage(), e);
            }
            Trail trail = options.read(target.shard(), List.of(Topics.SOURCES, Topics.PLANS, Topics.RESULTS));
            History history = HistoryBuilder.build(target.matcher(), trail, window[0], window[1]);
            boolean known = !HistoryBuilder.steps(target.matcher(), trail).isEmpty();
            if (options.json || known) {
                out.print(options.json ? JsonReport.write(history) : TextReport.history(history));
            }
            if (!known) {
                err.println("streamdns audit: " + options.unknownHint(target, trail));
                return AuditExit.NOTHING_KNOWN;
            }
            return AuditExit.FOUND;
        } catch (AuditFailure f) {
            err.println("streamdns audit: " + f.getMessage());
            return f.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }
}
