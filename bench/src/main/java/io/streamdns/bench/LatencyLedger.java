package io.streamdns.bench;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Ties each issued change to the moment Route 53 accepted it. Change k sets its service's address to
 * {@code ip(BASE + k)}, so a plan's A record value names the change it carries; the plan's ApplyResult gives the
 * acceptance time. A change overtaken by a later change of the same service (coalesced by the planner) counts as
 * accepted when the later one is: that is when the name stopped lagging behind Kubernetes.
 */
public final class LatencyLedger {
    public static final long BASE = 1L << 22;

    private final Map<Integer, Long> issuedAt = new ConcurrentHashMap<>();
    private final Map<Integer, String> issuedName = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private final Map<Integer, Long> acceptedAt = new HashMap<>();
    private final Map<String, Map<String, String>> planValues = new HashMap<>();
    /** planId → [createdAt, and per name the watcher's observedAt]. */
    private final Map<String, Long> planCreatedAt = new HashMap<>();
    private final Map<String, Map<String, Long>> planObservedAt = new HashMap<>();
    /** Stage timestamps of changes carried by their own value (not overtaken): observed, planned, taken, accepted. */
    private final Map<Integer, long[]> stages = new HashMap<>();
    private final List<ApplyResult> waiting = new ArrayList<>();
    private int plans;

    /** Change k to {@code name} is about to be sent to the API server at {@code epochMillis}. */
    public void issued(int k, String name, long epochMillis) {
        issuedAt.put(k, epochMillis);
        issuedName.put(k, name);
        synchronized (this) {
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(k);
        }
    }

    /** A record of {@code streamdns.plans} or {@code streamdns.results}. */
    public synchronized void accept(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(Topics.PLANS)) {
                ChangePlan plan = JsonCodec.decode(record.value(), ChangePlan.class);
                plans++;
                Map<String, String> values = new HashMap<>();
                for (List<Endpoint> list : List.of(plan.create(), plan.updateNew())) {
                    for (Endpoint e : list) {
                        if (e.recordType().equals("A") && e.targets().size() == 1) {
                            values.put(e.dnsName(), e.targets().get(0));
                        }
                    }
                }
                planValues.put(plan.planId(), values);
                planCreatedAt.put(plan.planId(), plan.createdAt());
                Map<String, Long> observed = new HashMap<>();
                for (Provenance p : plan.provenance()) {
                    observed.merge(p.dnsName(), p.observedAt(), Math::max);
                }
                planObservedAt.put(plan.planId(), observed);
            } else if (record.topic().equals(Topics.RESULTS)) {
                waiting.add(JsonCodec.decode(record.value(), ApplyResult.class));
            }
        } catch (CodecException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void resolve() {
        for (var it = waiting.iterator(); it.hasNext(); ) {
            ApplyResult r = it.next();
            Map<String, String> values = planValues.get(r.planId());
            if (values == null) {
                continue; // the plan record not read yet
            }
            it.remove();
            if (r.acceptedAt() <= 0) {
                continue;
            }
            for (ChangeOutcome o : r.outcomes()) {
                if (!o.recordType().equals("A") || !(o.status() == ChangeOutcome.Status.APPLIED
                        || o.status() == ChangeOutcome.Status.ALREADY_DONE)) {
                    continue;
                }
                String ip = values.get(o.dnsName());
                if (ip == null) {
                    continue;
                }
                long k = Fixtures.ipNumber(ip) - BASE;
                if (k >= 0 && k <= Integer.MAX_VALUE && !stages.containsKey((int) k)) {
                    stages.put((int) k, new long[] {planObservedAt.get(r.planId()).getOrDefault(o.dnsName(), 0L),
                            planCreatedAt.get(r.planId()), r.receivedAt(), r.acceptedAt()});
                }
                for (int j : byName.getOrDefault(o.dnsName(), List.of())) {
                    if (j <= k) {
                        acceptedAt.merge(j, r.acceptedAt(), Math::min);
                    }
                }
            }
        }
    }

    /** Changes {@code from..to-1} not accepted yet. */
    public synchronized int unsatisfied(int from, int to) {
        resolve();
        int n = 0;
        for (int k = from; k < to; k++) {
            if (!acceptedAt.containsKey(k)) {
                n++;
            }
        }
        return n;
    }

    /** Latency in ms of changes {@code from..to-1}; infinite for those never accepted. */
    public synchronized List<Double> latencies(int from, int to) {
        resolve();
        List<Double> out = new ArrayList<>();
        for (int k = from; k < to; k++) {
            Long t0 = issuedAt.get(k);
            Long t1 = acceptedAt.get(k);
            out.add(t0 == null || t1 == null ? Double.POSITIVE_INFINITY : (double) Math.max(0, t1 - t0));
        }
        return out;
    }

    /**
     * Medians over changes {@code from..to-1} that reached Route 53 with their own value, of the time spent in each
     * step: API call → watcher observed it, → planner made the plan, → applier took the plan, → Route 53 accepted.
     */
    public synchronized Map<String, Double> breakdown(int from, int to) {
        resolve();
        String[] names = {"toWatcherMs", "watcherToPlanMs", "planToApplierMs", "applierToAcceptedMs"};
        Map<String, Double> out = new LinkedHashMap<>();
        for (int step = 0; step < names.length; step++) {
            List<Double> xs = new ArrayList<>();
            for (int k = from; k < to; k++) {
                long[] t = stages.get(k);
                Long t0 = issuedAt.get(k);
                if (t == null || t0 == null || t[0] == 0) {
                    continue;
                }
                long start = step == 0 ? t0 : t[step - 1];
                xs.add((double) (t[step] - start));
            }
            out.put(names[step], Stats.round(Stats.median(xs)));
        }
        return out;
    }

    public synchronized int plans() {
        return plans;
    }
}
