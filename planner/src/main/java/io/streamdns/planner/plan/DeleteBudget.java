package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.control.DeleteApproval;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Mass deletes need an operator (octoDNS's safety threshold): a shard deletes at most {@code maxFraction} of the
 * records it owns within {@code window}, once it owns at least {@code minRecords}. Deletes past the budget are held
 * (the excess, in a deterministic order: by name, type, set identifier) until the window frees budget or a valid
 * shard approval lifts it. The base is the most the shard owned during the window, so deletes that already landed do
 * not shrink the next allowance. Pure: time comes in; one per shard, one owner at a time.
 */
public final class DeleteBudget {
    /** {@code --max-delete-fraction}, {@code --min-records-for-budget}, {@code --delete-budget-window}. */
    public record Settings(double maxFraction, int minRecords, Duration window) {
        public static final Settings DEFAULT = new Settings(0.3, 10, Duration.ofMinutes(10));

        public Settings {
            if (!(maxFraction > 0 && maxFraction <= 1)) {
                throw new IllegalArgumentException("max delete fraction must be in (0, 1]: " + maxFraction);
            }
            if (minRecords < 0) {
                throw new IllegalArgumentException("min records must be >= 0: " + minRecords);
            }
            Objects.requireNonNull(window, "window");
        }
    }

    private static final Comparator<Endpoint> ORDER = Comparator.comparing(Endpoint::dnsName)
            .thenComparing(Endpoint::recordType).thenComparing(e -> Objects.requireNonNullElse(e.setIdentifier(), ""));

    /** A delete spent at a time, with what the shard owned then. */
    private record Spent(long at, int owned) {
    }

    private final Settings settings;
    private final ArrayDeque<Spent> spent = new ArrayDeque<>();

    public DeleteBudget(Settings settings) {
        this.settings = settings;
    }

    /**
     * Keeps the record deletes of {@code changes} the budget allows and holds the rest.
     *
     * @param owned    records the shard owns now
     * @param approval the shard's delete approval, or null
     */
    void apply(ChangeSet changes, String shard, int owned, DeleteApproval approval, long now) {
        if (changes.delete.isEmpty()) {
            return;
        }
        prune(now);
        int base = owned;
        for (Spent s : spent) {
            base = Math.max(base, s.owned());
        }
        boolean approved = approval != null && approval.validAt(now);
        int allowed = approved || base < settings.minRecords() ? Integer.MAX_VALUE
                : Math.max(0, (int) Math.floor(settings.maxFraction() * base) - spent.size());
        if (changes.delete.size() > allowed) {
            List<Endpoint> sorted = new ArrayList<>(changes.delete);
            sorted.sort(ORDER);
            changes.delete.clear();
            changes.delete.addAll(sorted.subList(0, allowed));
            String detail = "delete held: budget of shard " + shard + " spent (at most "
                    + (int) Math.floor(settings.maxFraction() * base) + " deletes within " + settings.window().toMinutes()
                    + "m: " + Math.round(settings.maxFraction() * 100) + "% of " + base + " owned records); release with"
                    + " 'streamdns approve-deletes --shard " + shard + "'";
            for (Endpoint d : sorted.subList(allowed, sorted.size())) {
                changes.skip(d, Skipped.Reason.DELETE_HELD_BUDGET, detail);
            }
        }
        for (int i = 0; i < changes.delete.size(); i++) {
            spent.addLast(new Spent(now, owned)); // what it owned then: a base carried from outside the window would outlive it
        }
    }

    /** Deletes planned before this planner had the shard (read back from recent plans at restore). */
    public void spentEarlier(long at, int deletes, int owned) {
        for (int i = 0; i < deletes; i++) {
            spent.addLast(new Spent(at, owned));
        }
    }

    private void prune(long now) {
        long from = now - settings.window().toMillis();
        while (!spent.isEmpty() && spent.peekFirst().at() <= from) {
            spent.pollFirst();
        }
    }

    /** Deletes spent within the window. */
    public int spent(long now) {
        prune(now);
        return spent.size();
    }

    /** When the oldest spent delete leaves the window (budget frees), or {@link Long#MAX_VALUE}. */
    public long freesAt() {
        return spent.isEmpty() ? Long.MAX_VALUE : spent.peekFirst().at() + settings.window().toMillis();
    }
}
