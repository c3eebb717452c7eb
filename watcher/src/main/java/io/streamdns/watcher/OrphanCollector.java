package io.streamdns.watcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.model.SourceRef;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.runtime.ops.Readiness;
import io.streamdns.watcher.core.DeleteBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orphan check that ends every full pass (start-up, each resync, each relist): finds the objects of this scope
 * that are gone (or that the pass mapped to nothing: {@link SourcePublisher#emptied}), tombstones them within the
 * delete budget or holds them all, then writes the sync markers. Held
 * tombstones are kept (their objects stay published) until a pass finds them within the budget again (objects
 * came back) or a watcher delete approval valid now releases them; they show in
 * {@code streamdns_watcher_tombstones_held}, a log line when the held set changes, the markers and the readiness
 * detail (the watcher stays ready: its states are right, only deletes wait). Call only on the verticle's context.
 */
final class OrphanCollector {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanCollector.class);

    private final WatcherConfig config;
    private final SourcePublisher publisher;
    private final SyncMarkers markers;
    private final Readiness readiness;
    private final Predicate<SourceRef> gone;
    private final Consumer<SourceRef> retract;
    private final Counter checks;
    private final AtomicInteger heldGauge = new AtomicInteger();
    private final Counter released;
    private List<String> held = List.of();
    private DeleteApproval approval;

    /**
     * @param gone    true when an object of this scope no longer exists (per the informers' synced caches)
     * @param retract tombstones an object
     */
    OrphanCollector(WatcherConfig config, SourcePublisher publisher, SyncMarkers markers, Readiness readiness,
                    MeterRegistry registry, DeleteApproval restoredApproval, Predicate<SourceRef> gone,
                    Consumer<SourceRef> retract) {
        this.config = config;
        this.publisher = publisher;
        this.markers = markers;
        this.readiness = readiness;
        this.gone = gone;
        this.retract = retract;
        this.approval = restoredApproval;
        this.checks = registry.counter("streamdns.watcher.orphan.checks");
        this.released = registry.counter("streamdns.watcher.tombstones.released");
        registry.gauge("streamdns.watcher.tombstones.held", heldGauge);
    }

    /** One check; {@code why} names the pass for the log. */
    void check(String why) {
        checks.increment();
        List<String> orphans = new ArrayList<>();
        for (String identity : publisher.index().identities()) {
            if (publisher.emptied(identity) || gone.test(SourceRef.parse(ControlKeys.objectIdentity(identity)))) {
                orphans.add(identity);
            }
        }
        int known = publisher.index().size();
        var safety = config.safety();
        boolean approved = approval != null && approval.validAt(System.currentTimeMillis());
        if (DeleteBudget.allows(orphans.size(), known, safety.maxDeleteFraction(), safety.minRecordsForBudget(),
                approved)) {
            if (!held.isEmpty()) {
                LOG.info("{}: {} held tombstone(s) of cluster {} released ({})", why, held.size(),
                        config.clusterName(), approved ? "approved by " + approval.approvedBy() + ": "
                                + approval.reason() : "within the budget now");
                released.increment(orphans.size());
            }
            orphans.forEach(identity -> retract.accept(SourceRef.parse(ControlKeys.objectIdentity(identity))));
            if (!orphans.isEmpty()) {
                LOG.info("{}: tombstoned {} object(s) of cluster {} that no longer exist or map to nothing", why,
                        orphans.size(),
                        config.clusterName());
            }
            hold(List.of(), known);
        } else {
            if (!orphans.equals(held)) {
                LOG.warn("{}: holding {} tombstone(s) of cluster {} scope {}: {} of {} published objects are gone "
                        + "at once, over the delete budget ({} of at least {}). If they are really gone, approve with "
                        + "`streamdns approve-deletes --cluster {}`", why, orphans.size(), config.clusterName(),
                        safety.scope(), orphans.size(), known, safety.maxDeleteFraction(),
                        safety.minRecordsForBudget(), config.clusterName());
            }
            hold(orphans, known);
        }
        markers.publish(held); // after this pass's records: the desired state of this scope is complete
    }

    private void hold(List<String> orphans, int known) {
        held = List.copyOf(orphans);
        heldGauge.set(held.size());
        readiness.detail(WatcherVerticle.READINESS_CHECK + "-deletes", held.isEmpty() ? null : "holding " + held.size()
                + " tombstone(s) of " + known + " objects (over the delete budget): approve with streamdns "
                + "approve-deletes --cluster " + config.clusterName());
    }

    /** A watcher delete approval arrived: released at once if tombstones are held. */
    void approval(DeleteApproval a) {
        approval = a;
        if (!held.isEmpty() && a.validAt(System.currentTimeMillis())) {
            check("approval");
        }
    }

    int held() {
        return held.size();
    }
}
