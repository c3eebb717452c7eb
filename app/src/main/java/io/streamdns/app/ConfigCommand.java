package io.streamdns.app;

import io.streamdns.app.audit.AuditFailure;
import io.streamdns.app.audit.BrokerAccess;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.Topics;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.runtime.kafka.KafkaPreflight;
import io.streamdns.runtime.kafka.PipelineConfig;
import io.streamdns.runtime.kafka.TopicAdmin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamdns config show|set}: the settings every stage of the pipeline must agree on, kept on
 * {@code streamdns.config}. A stage whose flags disagree refuses to start; {@code set} is the deliberate change.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Shows or changes the settings every stage of the pipeline must agree on (domain filters, "
                + "TXT ownership, managed record types, partition count), kept on " + Topics.CONFIG + ".",
                "A stage whose flags disagree with them refuses to start. To change one: update every stage's "
                + "flags, run `streamdns config set` with the new values, then restart the stages."},
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Set.class})
public final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Where Kafka is: given, or the embedded broker's data dir (as audit reads it). */
    static final class Kafka {
        @Option(names = "--kafka-bootstrap-servers",
                description = "Kafka bootstrap servers. Absent: the embedded broker's --data-dir (run, demo).")
        String bootstrapServers;

        @Option(names = "--data-dir", defaultValue = "./data",
                description = "Data directory of the embedded broker (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        /** --kafka-config, --kafka-property: the same client settings as the stages. */
        @CommandLine.Mixin
        KafkaSecurityOptions kafkaSecurity = new KafkaSecurityOptions();

        /** The given Kafka, checked first so a refused setting reads as its cause; else the embedded broker. */
        BrokerAccess open(CommandSpec spec) {
            if (bootstrapServers != null && !bootstrapServers.isBlank()) {
                KafkaPreflight.connect(bootstrapServers.strip(), kafkaSecurity.load(spec, bootstrapServers),
                        KafkaPreflight.DEFAULT_TIMEOUT);
            } else {
                kafkaSecurity.load(spec, bootstrapServers);
            }
            return BrokerAccess.open(bootstrapServers, dataDir);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints the pipeline's settings.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Kafka kafka;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (BrokerAccess broker = kafka.open(spec)) {
                Optional<PipelineSettings> settings = PipelineConfig.read(broker.bootstrap());
                if (settings.isEmpty()) {
                    out.println("no pipeline settings on " + broker.describe() + " yet: the first stage that starts "
                            + "writes them");
                    return 1;
                }
                settings.get().describe().forEach(out::println);
                return 0;
            } catch (AuditFailure e) {
                spec.commandLine().getErr().println("streamdns config show: " + e.getMessage());
                return 3;
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Changes the given settings of the pipeline; the others stay. Stages already running "
                    + "keep their flags until restarted; a restarted stage must then agree with the new values.",
                    "An empty value sets none: --domain-filter= means every domain."})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Kafka kafka;

        @Option(names = "--domain-filter", split = ",", description = "Only names under these domains.")
        List<String> domainFilter;

        @Option(names = "--exclude-domains", split = ",", description = "Never names under these domains.")
        List<String> excludeDomains;

        @Option(names = "--regex-domain-filter", description = "Only names matching this regular expression "
                + "(overrides the domain lists).")
        String regexDomainFilter;

        @Option(names = "--regex-domain-exclusion", description = "Never names matching this regular expression.")
        String regexDomainExclusion;

        @Option(names = "--txt-owner-id", description = "Owner id in TXT ownership records.")
        String txtOwnerId;

        @Option(names = "--txt-prefix", description = "Prefix of TXT ownership record names.")
        String txtPrefix;

        @Option(names = "--txt-suffix", description = "Suffix of TXT ownership record names.")
        String txtSuffix;

        @Option(names = "--txt-wildcard-replacement", description = "Stands for '*' in TXT ownership record names.")
        String txtWildcardReplacement;

        @Option(names = "--managed-record-types", split = ",", description = "Record types the planner manages.")
        List<String> managedRecordTypes;

        @Override
        public Integer call() {
            PipelineSettings given = given();
            if (given.equals(PipelineSettings.NONE)) {
                throw new ParameterException(spec.commandLine(), "say which settings to change, e.g. --domain-filter=example.com");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (BrokerAccess broker = kafka.open(spec)) {
                int partitions = TopicAdmin.ensureTopics(broker.bootstrap(), Topics.DEFAULT_PARTITIONS, (short) -1);
                PipelineSettings before = PipelineConfig.read(broker.bootstrap()).orElse(PipelineSettings.NONE);
                PipelineSettings after = given.withPartitions(partitions).orElse(before);
                PipelineConfig.write(broker.bootstrap(), after);
                out.println("pipeline settings on " + broker.describe() + ":");
                after.describe().forEach(l -> out.println("  " + l));
                return 0;
            } catch (AuditFailure e) {
                spec.commandLine().getErr().println("streamdns config set: " + e.getMessage());
                return 3;
            }
        }

        /** The flags given, normalised as the stages hold them; a bad value fails naming its flag. */
        PipelineSettings given() {
            DomainFilter include;
            DomainFilter exclude;
            try {
                include = DomainFilter.of(domainFilter, List.of());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--domain-filter': " + e.getMessage());
            }
            try {
                exclude = DomainFilter.of(List.of(), excludeDomains);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--exclude-domains': " + e.getMessage());
            }
            try {
                DomainFilter.Regex.of(regexDomainFilter, regexDomainExclusion);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--regex-domain-filter' or "
                        + "'--regex-domain-exclusion': " + e.getMessage());
            }
            if (txtOwnerId != null && (txtOwnerId.isBlank() || txtOwnerId.contains(",") || txtOwnerId.contains("\""))) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--txt-owner-id': '"
                        + txtOwnerId + "' (a non-empty id without commas or quotes)");
            }
            List<String> types = null;
            if (managedRecordTypes != null) {
                types = managedRecordTypes.stream().filter(t -> !t.isBlank()).map(t -> t.strip().toUpperCase(Locale.ROOT)).toList();
                for (String t : types) {
                    if (!RecordTypes.WRITABLE.contains(t)) {
                        throw new ParameterException(spec.commandLine(), "Invalid value for option "
                                + "'--managed-record-types': '" + t + "' is not one of " + new TreeSet<>(RecordTypes.WRITABLE));
                    }
                }
                if (types.isEmpty()) {
                    types = List.copyOf(RecordTypes.MANAGED_DEFAULT);
                }
            }
            return new PipelineSettings(domainFilter == null ? null : include.includes(),
                    excludeDomains == null ? null : exclude.excludes(), null, txtOwnerId, txtPrefix, txtSuffix,
                    txtWildcardReplacement, types, regexDomainFilter, regexDomainExclusion);
        }
    }
}
