package io.streamdns.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collection;

/** Percentiles of samples and the median/spread of repeated runs. */
public final class Stats {
    private Stats() {
    }

    /** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
    public static double percentile(Collection<? extends Number> samples, double p) {
        double[] a = samples.stream().mapToDouble(Number::doubleValue).toArray();
        return percentile(a, p);
    }

    public static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] a = samples.clone();
        Arrays.sort(a);
        int rank = (int) Math.ceil(p / 100.0 * a.length);
        return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
    }

    public static double median(Collection<? extends Number> samples) {
        double[] a = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        int mid = a.length / 2;
        return a.length % 2 == 1 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
    }

    /** {@code {"median":…,"min":…,"max":…,"runs":n}} of one measure over several runs. */
    public static ObjectNode spread(Collection<? extends Number> runs) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        DoubleSummary s = DoubleSummary.of(runs);
        n.put("median", round(median(runs)));
        n.put("min", round(s.min));
        n.put("max", round(s.max));
        n.put("runs", runs.size());
        return n;
    }

    /** Three significant decimals are plenty for milliseconds, ratios and rates. */
    public static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return Math.round(v * 1000.0) / 1000.0;
    }

    private record DoubleSummary(double min, double max) {
        static DoubleSummary of(Collection<? extends Number> xs) {
            double min = Double.NaN;
            double max = Double.NaN;
            for (Number x : xs) {
                double d = x.doubleValue();
                min = Double.isNaN(min) ? d : Math.min(min, d);
                max = Double.isNaN(max) ? d : Math.max(max, d);
            }
            return new DoubleSummary(min, max);
        }
    }
}
