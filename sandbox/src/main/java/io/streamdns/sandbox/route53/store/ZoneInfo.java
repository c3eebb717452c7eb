package io.streamdns.sandbox.route53.store;

import java.util.List;
import java.util.Map;

/** A read-only view of a hosted zone: its header, record set count and tags. */
public record ZoneInfo(Header header, int recordSetCount, Map<String, String> tags) {

    /** What CreateHostedZone fixed: id (without /hostedzone/), canonical name, caller reference, config. */
    public record Header(String id, String name, String callerReference, String comment, boolean privateZone,
                         List<Vpc> vpcs, List<String> nameServers) {
        public Header {
            vpcs = List.copyOf(vpcs);
            nameServers = List.copyOf(nameServers);
        }
    }

    /** A VPC a private zone is associated with. */
    public record Vpc(String region, String id) {
    }

    public String id() {
        return header.id();
    }

    public String name() {
        return header.name();
    }

    public boolean privateZone() {
        return header.privateZone();
    }
}
