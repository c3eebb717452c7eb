package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a large plan into plans that each fit one Route 53 ChangeResourceRecordSets call: at most
 * {@link Limits#maxChanges()} changes, {@link Limits#maxChars()} value characters and {@link Limits#maxValues()}
 * values, counted as the applier counts them (an update twice). Every change about one name (its records, their TXT,
 * a delete beside a create) stays in one plan, since a provider must apply them in one batch; a name that alone
 * exceeds a limit gets a plan of its own (the applier reports it).
 */
public final class PlanChunker {
    private PlanChunker() {
    }

    /**
     * Bounds of one plan. {@code maxChanges} counts an update once (the planner's own unit); characters and values
     * count as Route 53 counts them: an update weighs old and new (UPSERT twice, or DELETE old + CREATE new).
     */
    public record Limits(int maxChanges, int maxChars, int maxValues) {
        /** Route 53's limits per ChangeResourceRecordSets call, as external-dns's --aws-batch-change-size-*. */
        public static final int ROUTE53_MAX_CHARS = 32_000;
        public static final int ROUTE53_MAX_VALUES = 1_000;

        public Limits {
            if (maxChanges < 1 || maxChars < 1 || maxValues < 1) {
                throw new IllegalArgumentException("plan limits must be positive: " + maxChanges + "/" + maxChars
                        + "/" + maxValues);
            }
        }

        /** {@code maxChanges} changes within Route 53's character and value limits. */
        public static Limits route53(int maxChanges) {
            return new Limits(maxChanges, ROUTE53_MAX_CHARS, ROUTE53_MAX_VALUES);
        }

        boolean fits(Weight w) {
            return w.changes <= maxChanges && w.chars <= maxChars && w.values <= maxValues;
        }
    }

    /** What a set of changes weighs against {@link Limits}. */
    static final class Weight {
        int changes;
        int chars;
        int values;

        void add(Weight o) {
            changes += o.changes;
            chars += o.chars;
            values += o.values;
        }

        boolean isEmpty() {
            return changes == 0;
        }

        Weight plus(Weight o) {
            Weight w = new Weight();
            w.add(this);
            w.add(o);
            return w;
        }
    }

    /** Count-only split (Route 53's character and value limits still apply). */
    public static List<Changes> split(Changes changes, int maxChanges) {
        return split(changes, Limits.route53(maxChanges));
    }

    public static List<Changes> split(Changes changes, Limits limits) {
        Map<String, Weight> perName = new TreeMap<>();
        for (Endpoint e : changes.create()) {
            weigh(perName, e, 1, valueChars(e), valueCount(e));
        }
        for (Endpoint e : changes.delete()) {
            weigh(perName, e, 1, valueChars(e), valueCount(e));
        }
        for (int i = 0; i < changes.updateNew().size(); i++) {
            Endpoint oldE = changes.updateOld().get(i);
            Endpoint newE = changes.updateNew().get(i);
            // UPSERT counts the new set twice, DELETE + CREATE counts old and new: take the larger
            weigh(perName, newE, 1, valueChars(newE) + Math.max(valueChars(oldE), valueChars(newE)),
                    valueCount(newE) + Math.max(valueCount(oldE), valueCount(newE)));
        }
        Weight total = new Weight();
        perName.values().forEach(total::add);
        if (limits.fits(total)) {
            return List.of(changes);
        }
        Map<String, Integer> chunkOf = new HashMap<>();
        int chunk = 0;
        Weight filled = new Weight();
        for (Map.Entry<String, Weight> e : perName.entrySet()) {
            if (!filled.isEmpty() && !limits.fits(filled.plus(e.getValue()))) {
                chunk++;
                filled = new Weight();
            }
            chunkOf.put(e.getKey(), chunk);
            filled.add(e.getValue());
        }
        List<ChangeSet> sets = new ArrayList<>();
        for (int i = 0; i <= chunk; i++) {
            sets.add(new ChangeSet());
        }
        for (Endpoint e : changes.create()) {
            sets.get(chunkOf.get(ChangeSet.ownedName(e))).create.add(e);
        }
        for (int i = 0; i < changes.updateNew().size(); i++) {
            sets.get(chunkOf.get(ChangeSet.ownedName(changes.updateNew().get(i))))
                    .update(changes.updateOld().get(i), changes.updateNew().get(i));
        }
        for (Endpoint e : changes.delete()) {
            sets.get(chunkOf.get(ChangeSet.ownedName(e))).delete.add(e);
        }
        for (Skipped s : changes.skipped()) {
            sets.get(chunkOf.getOrDefault(s.name(), 0)).skipped.add(s);
        }
        List<Changes> out = new ArrayList<>(sets.size());
        for (ChangeSet s : sets) {
            out.add(new Changes(s.create, s.updateOld, s.updateNew, s.delete, s.skipped));
        }
        return out;
    }

    private static void weigh(Map<String, Weight> perName, Endpoint e, int changes, int chars, int values) {
        Weight w = perName.computeIfAbsent(ChangeSet.ownedName(e), k -> new Weight());
        w.changes += changes;
        w.chars += chars;
        w.values += values;
    }

    /**
     * Value characters Route 53 counts for the record set the applier writes from {@code e}: an alias counts its
     * target name (no trailing dot), a TXT value its quoted form, a CNAME its target without the trailing dot.
     */
    static int valueChars(Endpoint e) {
        if (isAlias(e)) {
            return e.targets().isEmpty() ? 0 : stripDot(e.targets().get(0)).length();
        }
        int n = 0;
        for (String t : e.targets()) {
            n += switch (e.recordType()) {
                case RecordTypes.TXT -> t.startsWith("\"") ? t.length() : t.length() + 2 + quotes(t);
                case RecordTypes.CNAME -> stripDot(t).length();
                default -> t.length();
            };
        }
        return n;
    }

    /** ResourceRecord elements Route 53 counts (an alias counts as one). */
    static int valueCount(Endpoint e) {
        return isAlias(e) ? 1 : e.targets().size();
    }

    private static boolean isAlias(Endpoint e) {
        return "true".equalsIgnoreCase(e.property(ProviderProperties.ALIAS));
    }

    private static int quotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
