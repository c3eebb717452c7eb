package io.streamdns.bench.scenario;

import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.Report;
import io.streamdns.bench.Stats;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * How fast the Route 53 emulator itself is: one full change batch against a large zone, through the real SDK and
 * in-process, and one full listing. The target keeps the other scenarios honest: the emulator must serve Route 53's
 * 5 full batches per second, or burst and latency would measure the emulator instead of streamdns.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "A 1000-change batch against a 100,000-record zone in the Route 53 emulator (ms).")
public final class EmulatorScenario extends Scenario {
    @Option(names = "--records", defaultValue = "100000", description = "Records in the zone before measuring (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--batch", defaultValue = "1000", description = "Changes per measured batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--runs", defaultValue = "7", description = "Measured batches per path (default: ${DEFAULT-VALUE}; 2 more warm up).")
    int runs;

    @Override
    protected Report measure() throws Exception {
        Report report = new Report("emulator").param("records", records).param("batch", batch).param("runs", runs);
        Route53Emulator emulator = Route53Emulator.startBlocking(Route53EmulatorOptions.defaults().withRateLimit(0, 0));
        Route53AsyncClient client = null;
        try {
            String zone = "emulator.bench.example";
            String zoneId = emulator.createZone(zone, false);
            long t0 = System.nanoTime();
            for (int done = 0; done < records; done += 1000) {
                List<ChangeRequest> fill = new ArrayList<>();
                for (int i = done; i < Math.min(records, done + 1000); i++) {
                    fill.add(ChangeRequest.of("CREATE", "fill-" + i + "." + zone, "A", 300, List.of(Fixtures.ip(i))));
                }
                emulator.change(zoneId, fill);
            }
            report.measured("fillMs", millisSince(t0));
            client = Route53Clients.create(new Route53Clients.Settings("", emulator.endpoint().toString(), "",
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench"))));
            List<Double> sdk = new ArrayList<>();
            List<Double> inProcess = new ArrayList<>();
            for (int r = -2; r < runs; r++) {
                List<Change> changes = new ArrayList<>();
                List<ChangeRequest> local = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    changes.add(Change.builder().action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder()
                            .name("sdk" + (r + 2) + "-" + i + "." + zone).type(RRType.A).ttl(300L)
                            .resourceRecords(ResourceRecord.builder().value(Fixtures.ip(i)).build()).build()).build());
                    local.add(ChangeRequest.of("CREATE", "local" + (r + 2) + "-" + i + "." + zone, "A", 300,
                            List.of(Fixtures.ip(i))));
                }
                long s = System.nanoTime();
                client.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(changes))).join();
                double sdkMs = millisSince(s);
                s = System.nanoTime();
                emulator.change(zoneId, local);
                double localMs = millisSince(s);
                if (r >= 0) {
                    sdk.add(sdkMs);
                    inProcess.add(localMs);
                }
            }
            report.measured("zoneRecordsAtEnd", emulator.records(zoneId).size());
            report.measured("sdkBatchMs", Stats.spread(sdk));
            report.measured("inProcessBatchMs", Stats.spread(inProcess));
            long s = System.nanoTime();
            int pages = listAll(client, zoneId);
            report.measured("sdkFullListMs", millisSince(s));
            report.measured("sdkFullListPages", pages);
            double median = Stats.median(sdk);
            report.target("median 1000-change batch through the SDK <= 200 ms (Route 53's 5 batches/s)", 200,
                    median <= 200);
            return report;
        } finally {
            if (client != null) {
                client.close();
            }
            emulator.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static int listAll(Route53AsyncClient client, String zoneId) {
        int pages = 0;
        String name = null;
        String type = null;
        while (true) {
            String n = name;
            String t = type;
            ListResourceRecordSetsResponse page = client.listResourceRecordSets(b -> {
                b.hostedZoneId(zoneId).maxItems("300");
                if (n != null) {
                    b.startRecordName(n).startRecordType(t);
                }
            }).join();
            pages++;
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return pages;
            }
            name = page.nextRecordName();
            type = page.nextRecordTypeAsString();
        }
    }
}
