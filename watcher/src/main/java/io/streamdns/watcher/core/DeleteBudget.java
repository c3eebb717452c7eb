package io.streamdns.watcher.core;

/**
 * The watcher's delete budget (as octoDNS's safety threshold): the tombstones one full pass wants to write are held
 * when they exceed {@code maxFraction} of the objects this scope had published before the pass, once it had at
 * least {@code minRecords}; a watcher delete approval valid now lifts it. An empty or wrong API server (every
 * object missing at once) is then held for an operator instead of deleting every record.
 */
public final class DeleteBudget {
    /** Keeps 29 of 100 at 0.29 within the budget despite floating point. */
    private static final double SLACK = 1e-9;

    private DeleteBudget() {
    }

    /**
     * @param tombstones orphans the pass found
     * @param known      objects of this scope published before the pass (for the start-up pass: what was restored)
     * @param approved   a watcher delete approval is valid now
     */
    public static boolean allows(int tombstones, int known, double maxFraction, int minRecords, boolean approved) {
        return approved || tombstones == 0 || known < minRecords || tombstones <= maxFraction * known + SLACK;
    }
}
