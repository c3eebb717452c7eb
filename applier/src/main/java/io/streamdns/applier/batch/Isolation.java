package io.streamdns.applier.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to do after Route 53 refused a whole batch (InvalidChangeBatch / InvalidInput), so one bad change cannot
 * block a zone. Groups the messages blame are taken out (a DELETE of a missing set alone: it is already done, the
 * rest of its group goes on); the rest is sent again. When nothing can be blamed the batch is bisected by groups;
 * a single group is rejected with Route 53's words. Every step removes or splits something, so it ends.
 */
public final class Isolation {
    private Isolation() {
    }

    /**
     * @param rejected   changes refused, with the message
     * @param alreadyDone deletes of sets that are not there
     * @param retry      batches to send next, in order
     */
    public record Step(Map<Change, String> rejected, List<Change> alreadyDone, List<Batch> retry) {
    }

    public static Step next(Batch failed, List<String> messages) {
        List<Rejections.Problem> problems = Rejections.parse(messages);
        Map<Change, String> rejected = new LinkedHashMap<>();
        List<Change> alreadyDone = new ArrayList<>();
        List<Batch.Group> keep = new ArrayList<>();
        for (Batch.Group g : failed.groups()) {
            List<Change> survivors = new ArrayList<>();
            Rejections.Problem blame = null;
            for (Change c : g.changes()) {
                Rejections.Problem p = problemFor(c, problems);
                // a compare-and-swap's DELETE of a vanished set is not "done": its CREATE must not go alone
                if (p != null && p.kind() == Rejections.Kind.NOT_FOUND && c.action() == Change.Action.DELETE && !c.swap()) {
                    alreadyDone.add(c);
                } else {
                    survivors.add(c);
                    if (p != null && blame == null) {
                        blame = p;
                    }
                }
            }
            if (blame != null) {
                String message = blame.message();
                survivors.forEach(c -> rejected.put(c, message));
            } else if (!survivors.isEmpty()) {
                keep.add(new Batch.Group(g.key(), survivors));
            }
        }
        if (!rejected.isEmpty() || !alreadyDone.isEmpty()) {
            return new Step(rejected, alreadyDone, keep.isEmpty() ? List.of() : List.of(new Batch(keep)));
        }
        if (keep.size() <= 1) {
            String message = messages.isEmpty() ? "rejected" : String.join("; ", messages);
            keep.forEach(g -> g.changes().forEach(c -> rejected.put(c, message)));
            return new Step(rejected, alreadyDone, List.of());
        }
        int half = keep.size() / 2;
        return new Step(rejected, alreadyDone,
                List.of(new Batch(keep.subList(0, half)), new Batch(keep.subList(half, keep.size()))));
    }

    private static Rejections.Problem problemFor(Change c, List<Rejections.Problem> problems) {
        for (Rejections.Problem p : problems) {
            if (p.matches(c.recordSet())) {
                // "not found" only blames deletes; "exists" only creates; other kinds blame whatever they name
                boolean fits = switch (p.kind()) {
                    case NOT_FOUND, MISMATCH -> c.action() == Change.Action.DELETE;
                    case EXISTS -> c.action() == Change.Action.CREATE;
                    case OTHER -> true;
                };
                if (fits) {
                    return p;
                }
            }
        }
        return null;
    }
}
