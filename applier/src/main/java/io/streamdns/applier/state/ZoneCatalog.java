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

    /** The zones whose tags match {@code --aws-zone-tags}; all of them, with no call, when it is not given. */
    private Future<List<Zone>> byTags(List<Zone> zones, CallStats stats) {
        if (!selection.needsTags() || zones.isEmpty()) {
            return Future.succeededFuture(zones);
        }
        return provider.zoneTags(zones, stats).map(tags -> zones.stream().filter(z -> {
            String why = selection.tagRejection(tags.get(z.id()));
            if (why != null) {
                LOG.debug("zone {} not managed: {}", z, why);
            }
            return why == null;
        }).toList());
    }

    public Future<ZoneIndex> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        CallStats stats = new CallStats();
        Future<ZoneIndex> f = provider.zones(stats).compose(all -> byTags(selection.select(all), stats).map(kept -> {
            boolean changed = index == null || !index.zones().equals(kept);
            for (Zone z : all) {
                String why = selection.rejection(z);
                if (why != null && changed && why.contains("--aws-zone-match-parent")) {
                    // external-dns's rule, but a zone streamdns once managed without the flag: say so loudly
                    LOG.warn("zone {} not managed: {}", z, why);
                } else if (why != null) {
                    LOG.debug("zone {} not managed: {}", z, why);
                }
            }
            if (changed) {
                LOG.info("managing {} of {} hosted zones: {}", kept.size(), all.size(), kept);
            }
            index = new ZoneIndex(kept);
            return index;
        }));
        inFlight = f;
        f.onComplete(ar -> inFlight = null);
        return f;
    }
}
