package io.streamdns.app.safety;

import io.streamdns.app.audit.AuditExit;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ClusterRetirement;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.model.shard.RecordKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamdns clusters}: the clusters {@code streamdns.sources} knows, and retiring one. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "The clusters known from streamdns.sources (sync markers, object keys), and retiring one.",
        subcommands = {ClustersCommand.ListCommand.class, ClustersCommand.RetireCommand.class})
public final class ClustersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("streamdns clusters: say which: list or retire <name>");
        spec.commandLine().usage(spec.commandLine().getErr());
        return AuditExit.BAD_INPUT;
    }

    /** {@code streamdns clusters list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every cluster known from sync markers and object keys: identity, watcher scope and its "
                    + "flags, last sync, objects per partition, tombstones its budget holds, retirement.")
    public static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SourcesOptions sources;

        @Override
        public Integer call() {
            return OperatorCommand.run(spec, "clusters", this::list);
        }

        private int list(PrintWriter out) {
            try (SourcesTopic topic = sources.open(spec)) {
                ClusterTable t = ClusterTable.of(topic.readLatest());
                if (t.clusters.isEmpty()) {
                    out.println("no cluster on " + topic.describe() + " (no sync marker, no object)");
                }
                for (Map.Entry<String, ClusterTable.Cluster> c : t.clusters.entrySet()) {
                    ClusterTable.Cluster cl = c.getValue();
                    out.println("cluster " + c.getKey() + (cl.retired == null ? "" : "  RETIRED "
                            + Instant.ofEpochMilli(cl.retired.retiredAt()) + " by " + cl.retired.retiredBy()));
                    for (Map.Entry<String, ClusterTable.Scope> s : cl.scopes.entrySet()) {
                        ClusterTable.Scope sc = s.getValue();
                        SyncMarker newest = sc.newest().orElse(null);
                        out.println("  scope " + s.getKey() + "  identity " + (newest == null ? "-"
                                : newest.clusterIdentity() == null ? "(unreadable)" : newest.clusterIdentity())
                                + "  last sync " + (newest == null ? "never" : Instant.ofEpochMilli(sc.lastSync()))
                                + "  held tombstones " + sc.held());
                        if (newest != null && !newest.scopeSpec().isEmpty()) {
                            out.println("    spec " + newest.scopeSpec().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
                        }
                        List<String> parts = new ArrayList<>();
                        for (int p = 0; p < topic.partitions(); p++) {
                            SyncMarker m = sc.markers.get(p);
                            parts.add(p + ":" + sc.objects.getOrDefault(p, 0) + (m == null ? " (no marker)" : ""));
                        }
                        out.println("    objects per partition " + String.join("  ", parts));
                    }
                }
                t.problems.forEach(p -> out.println("note: " + p));
                return 0;
            }
        }
    }

    /** {@code streamdns clusters retire NAME}. */
    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = {"Retires a cluster (removed, or renamed): tombstones every object key and sync marker of "
                    + "it on streamdns.sources, then writes a retirement on every partition. The planner then treats "
                    + "its desired state as complete and empty: its records go, through the delete budget.",
                    "A watcher still running under that --cluster-name writes a newer marker and revives it: stop "
                    + "it first."})
    public static final class RetireCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<cluster>", description = "The --cluster-name to retire.")
        String name;

        @Option(names = "--by", paramLabel = "<name>", description = "Who retires it (default: the OS user).")
        String by;

        @Mixin
        SourcesOptions sources;

        @Override
        public Integer call() {
            return OperatorCommand.run(spec, "clusters retire", this::retire);
        }

        private int retire(PrintWriter out) {
            String cluster = OperatorCommand.clusterName(name, "<cluster>");
            try (SourcesTopic topic = sources.open(spec)) {
                List<SourcesTopic.Latest> records = topic.readLatest();
                int objects = 0;
                int markers = 0;
                long newestSync = 0;
                for (SourcesTopic.Latest r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    if (ControlKeys.isControl(r.key())) {
                        var c = ControlKeys.parse(r.key());
                        if (c.isPresent() && c.get().kind() == ControlKeys.Kind.SYNC_MARKER
                                && c.get().cluster().equals(cluster)) {
                            newestSync = Math.max(newestSync, syncedAt(r));
                            topic.send(r.partition(), r.key(), null);
                            markers++;
                        }
                    } else if (ofCluster(r.key(), cluster)) {
                        topic.send(r.partition(), r.key(), null);
                        objects++;
                    }
                }
                String who = OperatorCommand.who(by);
                ClusterRetirement retirement = new ClusterRetirement(cluster, System.currentTimeMillis(), who);
                for (int p = 0; p < topic.partitions(); p++) {
                    topic.send(p, ControlKeys.retirement(cluster), JsonCodec.encode(retirement));
                }
                out.printf("retired cluster %s: %d object keys and %d sync markers tombstoned, retirement written on "
                        + "%d partitions%n", cluster, objects, markers, topic.partitions());
                if (newestSync > System.currentTimeMillis() - 15 * 60_000L) {
                    out.printf("note: %s synced at %s; a watcher still running under that name revives it%n",
                            cluster, Instant.ofEpochMilli(newestSync));
                }
                return 0;
            }
        }

        private static boolean ofCluster(String key, String cluster) {
            try {
                return ControlKeys.clusterOf(RecordKey.parse(key).identity()).equals(cluster);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static long syncedAt(SourcesTopic.Latest r) {
            try {
                return JsonCodec.decode(r.value(), SyncMarker.class).syncedAt();
            } catch (Exception e) {
                return 0;
            }
        }
    }
}
