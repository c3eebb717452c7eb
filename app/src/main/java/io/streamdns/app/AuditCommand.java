package io.streamdns.app;

import io.streamdns.app.audit.AuditExit;
import io.streamdns.app.audit.HistoryCommand;
import io.streamdns.app.audit.WhyCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamdns audit}: answers "why does this name point there?" from the Kafka trail (see audit/README.md). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Answers why a DNS name points where it does, from the Kafka trail.",
                "Reads only the partition of the name's shard, against --kafka-bootstrap-servers or the embedded "
                + "broker's --data-dir (e.g. after `streamdns demo`)."},
        subcommands = {HistoryCommand.class, WhyCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:the trail knows the name",
            "1:nothing on the trail mentions the name",
            "2:bad input (malformed name, invalid flag, usage)",
            "3:broker unreachable, or no embedded broker data in --data-dir"},
        footerHeading = "%nExamples:%n", footer = {
            "  streamdns audit history www.example.com --since 2h",
            "  streamdns audit why www.example.com --kafka-bootstrap-servers kafka:9092 --domain-filter example.com",
            "  streamdns audit why shop.example.com --json | jq .verdict"})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("streamdns audit: say which question: history <name> or why <name>");
        spec.commandLine().usage(spec.commandLine().getErr());
        return AuditExit.BAD_INPUT;
    }
}
