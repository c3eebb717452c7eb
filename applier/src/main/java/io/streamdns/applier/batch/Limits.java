package io.streamdns.applier.batch;

/**
 * Route 53's limits on one ChangeResourceRecordSets call, as external-dns's flags set them:
 * {@code --aws-batch-change-size}, {@code --aws-batch-change-size-bytes}, {@code --aws-batch-change-size-values}.
 * An UPSERT counts twice against each.
 */
public record Limits(int maxChanges, int maxChars, int maxValues) {
    public static final Limits ROUTE53 = new Limits(1000, 32_000, 1000);

    public Limits {
        if (maxChanges < 1 || maxChars < 1 || maxValues < 1) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxChanges + "/" + maxChars + "/" + maxValues);
        }
    }

    public boolean fits(int changes, int chars, int values) {
        return changes <= maxChanges && chars <= maxChars && values <= maxValues;
    }
}
