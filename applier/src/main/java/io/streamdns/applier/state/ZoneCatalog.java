package io.streamdns.applier.state;

import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneIndex;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.applier.provider.CallStats;
import io.streamdns.applier.provider.DnsProvider;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed hosted zones: discovered once per process (ListHostedZones, paged), filtered by the
 * {@link ZoneSelection}, refreshed by the drift check. Callers arriving during a discovery share it.
 */
public final class ZoneCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneCatalog.class);

    private final DnsProvider provider;
    private final ZoneSelection selection;
    private ZoneIndex index;
    private Future<ZoneIndex> inFlight;

    public ZoneCatalog(DnsProvider provider, ZoneSelection selection) {
        this.provider = provider;
        this.selection = selection;
    }

    public boolean discovered() {
        return index != null;
    }

    public ZoneIndex current() {
        return index == null ? ZoneIndex.EMPTY : index;
    }

    /** The index, discovering it on first use. */
    public Future<ZoneIndex> index() {
        return index != null ? Future.succeededFuture(index) : refresh();
    }

    public Future<ZoneIndex> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        Future<ZoneIndex> f = provider.zones(new CallStats()).map(all -> {
            List<Zone> kept = selection.select(all);
            for (Zone z : all) {
                String why = selection.rejection(z);
                if (why != null) {
                    LOG.debug("zone {} not managed: {}", z, why);
                }
            }
            if (index == null || !index.zones().equals(kept)) {
                LOG.info("managing {} of {} hosted zones: {}", kept.size(), all.size(), kept);
            }
            index = new ZoneIndex(kept);
            return index;
        });
        inFlight = f;
        f.onComplete(ar -> inFlight = null);
        return f;
    }
}
