package io.streamdns.sandbox.route53.store;

import java.util.List;

/**
 * A change that passed input validation: its action, the record set it names (canonical), and the
 * problems found in its name or values (reported as InvalidChangeBatch messages, in batch order).
 */
public record Change(Action action, RecordSet set, List<String> problems) {

    public Change {
        problems = List.copyOf(problems);
    }

    public enum Action { CREATE, DELETE, UPSERT }
}
