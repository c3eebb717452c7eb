package io.streamdns.app.safety;

import io.streamdns.app.audit.AuditExit;
import io.streamdns.app.audit.AuditFailure;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.NameCheck;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.runtime.flags.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamdns approve-deletes}: an operator releases deletes a budget holds, by writing a {@link DeleteApproval}
 * to {@code streamdns.sources} (so the approval is on the audit trail): for a shard, the planner's delete budget;
 * for a cluster, the watcher's tombstone budget.
 */
@Command(name = "approve-deletes", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Releases deletes held by a delete budget: writes an approval record to streamdns.sources.",
                "--shard lifts the planner's budget of that shard (deletes still wait for every claimant's sync "
                + "marker); --cluster releases the tombstones the cluster's watcher held."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:approval written", "2:bad input",
            "3:broker unreachable"},
        footerHeading = "%nExamples:%n", footer = {
            "  streamdns approve-deletes --shard example.com --reason 'decommissioned shop' --by alice",
            "  streamdns approve-deletes --cluster kube-a --valid-for 30m"})
public final class ApproveDeletesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = "--shard", paramLabel = "<shard>", required = true,
                description = "The shard (zone) whose held deletes may go, e.g. example.com.")
        String shard;

        @Option(names = "--cluster", paramLabel = "<cluster>", required = true,
                description = "The cluster (--cluster-name) whose watcher may publish the tombstones it held.")
        String cluster;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--valid-for", defaultValue = "15m", paramLabel = "<duration>",
            description = "How long the approval holds, e.g. 15m, 1h (default: ${DEFAULT-VALUE}).")
    String validFor;

    @Option(names = "--by", paramLabel = "<name>", description = "Who approves (default: the OS user).")
    String by;

    @Option(names = "--reason", paramLabel = "<text>", description = "Why, for the audit trail.")
    String reason;

    @Mixin
    SourcesOptions sources;

    @Override
    public Integer call() {
        return OperatorCommand.run(spec, "approve-deletes", out -> {
            Duration valid = duration(validFor);
            String who = OperatorCommand.who(by);
            String subject = target.shard != null ? shard(target.shard)
                    : OperatorCommand.clusterName(target.cluster, "Invalid value for option '--cluster'");
            long now = System.currentTimeMillis();
            DeleteApproval approval = new DeleteApproval(subject, now, now + valid.toMillis(), who, reason);
            try (SourcesTopic topic = sources.open(spec)) {
                int partition = target.shard != null ? Partitioning.partitionOfShard(subject, topic.partitions()) : 0;
                String key = target.shard != null ? ControlKeys.shardApproval(subject) : ControlKeys.clusterApproval(subject);
                RecordMetadata md = topic.send(partition, key, JsonCodec.encode(approval));
                out.printf("approved deletes of %s %s until %s by %s%s (%s-%d offset %d)%n",
                        target.shard != null ? "shard" : "cluster", subject, Instant.ofEpochMilli(approval.validUntil()),
                        who, reason == null ? "" : ": " + reason, md.topic(), md.partition(), md.offset());
            }
            return 0;
        });
    }

    private static String shard(String raw) {
        NameCheck check = DnsNames.check(raw);
        if (!check.isValid()) {
            throw new AuditFailure(AuditExit.BAD_INPUT, "Invalid value for option '--shard': '" + raw + "' is not a "
                    + "DNS name: " + check.reason());
        }
        return check.name();
    }

    /** Go duration syntax, as every other duration of streamdns ({@code 15m}, {@code 1h30m}); not zero. */
    static Duration duration(String v) {
        try {
            Duration d = GoDuration.parse(v);
            if (!d.isZero()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            throw new AuditFailure(AuditExit.BAD_INPUT, "Invalid value for option '--valid-for': " + e.getMessage());
        }
        throw new AuditFailure(AuditExit.BAD_INPUT, "Invalid value for option '--valid-for': '" + v
                + "' is zero; say how long the approval holds, e.g. 15m or 1h");
    }
}
