package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

final class PlanAssertions {
    private PlanAssertions() {
    }

    static Changes check(PlanCase c) {
        Changes changes = new Planner(c.settings).plan(c.desired, c.current);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(Fixtures.render(changes.create())).as("create").containsExactlyElementsOf(c.creates);
        soft.assertThat(Fixtures.renderUpdates(changes)).as("update").containsExactlyElementsOf(c.updates);
        soft.assertThat(Fixtures.render(changes.delete())).as("delete").containsExactlyElementsOf(c.deletes);
        soft.assertThat(Fixtures.renderSkipped(changes)).as("skipped").containsExactlyElementsOf(c.skipped);
        soft.assertAll();
        // planning is deterministic whatever the input order
        List<Endpoint> d = new ArrayList<>(c.desired);
        List<Endpoint> cur = new ArrayList<>(c.current);
        Collections.reverse(d);
        Collections.reverse(cur);
        assertThat(new Planner(c.settings).plan(d, cur)).as("same plan for reversed input").isEqualTo(changes);
        // the same plan, value for value, when zone state's ownership TXTs are held as an index holds them
        OwnershipRegistry.ParsedTxt parsed = new OwnershipRegistry.ParsedTxt(n -> true, c.settings.ownerId());
        List<Endpoint> indexed = new ArrayList<>(c.current.size());
        for (Endpoint e : c.current) {
            indexed.add(e.recordType().equals(RecordTypes.TXT) ? parsed.add(e) : e);
        }
        assertThat(new Planner(c.settings).plan(c.desired, indexed, null, parsed, null))
                .as("same plan from compact TXT values").isEqualTo(changes);
        return changes;
    }
}
