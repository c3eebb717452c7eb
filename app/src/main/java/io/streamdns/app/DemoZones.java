package io.streamdns.app;

import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.runtime.Blocking;
import java.util.UUID;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;

/** The demo's hosted zone on an outside Route 53 endpoint: found, or created when missing. */
@Blocking("the command's main thread: a CLI command, never an event loop")
final class DemoZones {
    private DemoZones() {
    }

    static Route53AsyncClient client(String endpoint) {
        Route53Clients.Settings settings = new Route53Clients.Settings(null, endpoint, null, null);
        return Route53Clients.create(new Route53Clients.Settings(null, endpoint, null, Route53Clients.resolveOrFallback(settings)));
    }

    /** Blocking: the demo's main thread. */
    static String ensureZone(Route53AsyncClient client, String zone) {
        for (HostedZone z : client.listHostedZonesByName(ListHostedZonesByNameRequest.builder().dnsName(zone).build())
                .join().hostedZones()) {
            if (z.name().equals(zone + ".") || z.name().equals(zone)) {
                return z.id().replace("/hostedzone/", "");
            }
        }
        return client.createHostedZone(CreateHostedZoneRequest.builder().name(zone)
                .callerReference("streamdns-demo-" + UUID.randomUUID()).build()).join().hostedZone().id()
                .replace("/hostedzone/", "");
    }
}
