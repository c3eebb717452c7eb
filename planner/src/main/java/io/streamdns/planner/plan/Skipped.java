package io.streamdns.planner.plan;

/**
 * A change the planner wanted but did not make, reported beside the plan so the stage can log, count and audit it.
 *
 * @param setIdentifier the record's set identifier, or null
 * @param detail        human words: whose record it is, which TXT blocks it
 */
public record Skipped(String name, String type, String setIdentifier, Reason reason, String detail) {

    public enum Reason {
        /** The record (or its ownership TXT) names another owner id. */
        OWNED_BY_OTHER("owned-by-other"),
        /** The record exists without any ownership TXT (made by hand or by another tool). */
        UNOWNED("unowned"),
        /** The TXT name the ownership record needs is taken by a TXT record that is not an ownership record. */
        TXT_NAME_TAKEN("txt-name-taken"),
        /** The ownership TXT would fall outside the domain filter (e.g. {@code a-example.com} for the apex). */
        TXT_OUTSIDE_DOMAIN("txt-outside-domain"),
        /** A delete (or removal of targets) waits: a cluster that may claim the record has not synced. */
        DELETE_HELD_UNSYNCED("delete-held-unsynced"),
        /** A delete waits: the shard's delete budget is spent; an operator's approval releases it. */
        DELETE_HELD_BUDGET("delete-held-budget");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        /** True for the reasons that hold a delete until knowledge or an approval arrives (not a refusal). */
        public boolean held() {
            return this == DELETE_HELD_UNSYNCED || this == DELETE_HELD_BUDGET;
        }

        /** Metric tag value. */
        public String tag() {
            return tag;
        }
    }

    @Override
    public String toString() {
        return name + "/" + type + (setIdentifier == null ? "" : "/" + setIdentifier) + " " + reason.tag() + ": " + detail;
    }
}
