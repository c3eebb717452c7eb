package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.Fixtures.CLUSTER;
import static io.streamdns.planner.plan.Fixtures.OWNER;
import static io.streamdns.planner.plan.Fixtures.RESOURCE;

import io.streamdns.model.Endpoint;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** One row of a plan table test: settings, desired, current, and every expected list (unset means empty). */
final class PlanCase {
    final String title;
    PlanSettings settings = PlanSettings.defaults();
    final List<Endpoint> desired = new ArrayList<>();
    final List<Endpoint> current = new ArrayList<>();
    List<String> creates = List.of();
    List<String> updates = List.of();
    List<String> deletes = List.of();
    List<String> skipped = List.of();

    private PlanCase(String title) {
        this.title = title;
    }

    static PlanCase row(String title) {
        return new PlanCase(title);
    }

    PlanCase with(UnaryOperator<PlanSettings> change) {
        settings = change.apply(settings);
        return this;
    }

    /** Desired by cluster c1, resource service/default/web. */
    PlanCase want(String... specs) {
        for (String s : specs) {
            desired.add(Fixtures.want(CLUSTER, RESOURCE, s));
        }
        return this;
    }

    PlanCase wantFrom(String cluster, String resource, String... specs) {
        for (String s : specs) {
            desired.add(Fixtures.want(cluster, resource, s));
        }
        return this;
    }

    /** A current record without ownership. */
    PlanCase have(String... specs) {
        for (String s : specs) {
            current.add(Fixtures.ep(s));
        }
        return this;
    }

    PlanCase have(Endpoint... endpoints) {
        current.addAll(List.of(endpoints));
        return this;
    }

    /** A current record plus its current-format TXT, as external-dns writes it (owner default, resource web). */
    PlanCase haveOwned(String spec) {
        return haveOwnedBy("owner=" + OWNER + ",resource=" + RESOURCE, spec);
    }

    /** A current record plus its current-format TXT with these labels. */
    PlanCase haveOwnedBy(String labels, String spec) {
        Endpoint r = Fixtures.ep(spec);
        current.add(r);
        String name = TxtNameMapper.defaults().txtName(r.dnsName(), r.recordType());
        current.add(r.setIdentifier() == null ? Fixtures.txt(name, labels)
                : Fixtures.txt(name, labels, "set=" + r.setIdentifier()));
        return this;
    }

    PlanCase creates(String... expected) {
        creates = List.of(expected);
        return this;
    }

    /** "old -> new" pairs. */
    PlanCase updates(String... expected) {
        updates = List.of(expected);
        return this;
    }

    PlanCase deletes(String... expected) {
        deletes = List.of(expected);
        return this;
    }

    /** "name/type reason-tag". */
    PlanCase skips(String... expected) {
        skipped = List.of(expected);
        return this;
    }

    @Override
    public String toString() {
        return title;
    }
}
