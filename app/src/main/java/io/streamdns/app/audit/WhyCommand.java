package io.streamdns.app.audit;

import io.streamdns.app.audit.core.Explanation;
import io.streamdns.app.audit.core.JsonReport;
import io.streamdns.app.audit.core.TextReport;
import io.streamdns.app.audit.core.Trail;
import io.streamdns.app.audit.core.WhyReasoner;
import io.streamdns.model.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamdns audit why <name>}: the record as Route 53 has it, and what made it so (or kept it out). */
@Command(name = "why", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Why a DNS name is as it is: the record as Route 53 has it now (zone-state, with its TXT "
                + "ownership record), the objects and the latest plan and result that made it so; or why nothing "
                + "was written: the watcher refused it, the planner skipped it (e.g. owned by someone else), "
                + "Route 53 refused it (with its message), or no object asks for it.",
                "Reads only the name's partition of streamdns.sources, streamdns.plans, streamdns.results and "
                + "streamdns.zone-state."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:the trail knows the name",
            "1:nothing on the trail mentions the name",
            "2:bad input (malformed name, invalid flag, usage)",
            "3:broker unreachable, or no embedded broker data in --data-dir"})
public final class WhyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The DNS name, e.g. www.example.com.")
    String name;

    @Mixin
    AuditOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AuditOptions.Target target = options.target(name);
            Trail trail = options.read(target.shard(),
                    List.of(Topics.SOURCES, Topics.PLANS, Topics.RESULTS, Topics.ZONE_STATE));
            Explanation why = WhyReasoner.explain(target.matcher(), trail);
            boolean known = why.verdict() != Explanation.Verdict.UNKNOWN;
            if (options.json || known) {
                out.print(options.json ? JsonReport.write(why) : TextReport.why(why));
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
