package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import java.util.List;

/**
 * The outcome of one planning run: record and ownership-TXT changes ({@code updateOld[i]} becomes
 * {@code updateNew[i]}), and the changes skipped for ownership reasons. Lists are in a deterministic order.
 */
public record Changes(List<Endpoint> create, List<Endpoint> updateOld, List<Endpoint> updateNew,
                      List<Endpoint> delete, List<Skipped> skipped) {

    public static final Changes EMPTY = new Changes(List.of(), List.of(), List.of(), List.of(), List.of());

    public Changes {
        create = List.copyOf(create);
        updateOld = List.copyOf(updateOld);
        updateNew = List.copyOf(updateNew);
        delete = List.copyOf(delete);
        skipped = List.copyOf(skipped);
        if (updateOld.size() != updateNew.size()) {
            throw new IllegalArgumentException("updateOld and updateNew differ in length");
        }
    }

    /** True when there is nothing to send (skipped entries are reports, not changes). */
    public boolean isEmpty() {
        return create.isEmpty() && updateNew.isEmpty() && delete.isEmpty();
    }

    /** Number of changes; an update counts once. */
    public int size() {
        return create.size() + updateNew.size() + delete.size();
    }
}
