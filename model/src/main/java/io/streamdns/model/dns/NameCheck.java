package io.streamdns.model.dns;

/** The verdict on a DNS name: its normal form, or the reason it was refused. */
public record NameCheck(String name, String reason) {

    public static NameCheck valid(String name) {
        return new NameCheck(name, null);
    }

    public static NameCheck invalid(String reason) {
        return new NameCheck(null, reason);
    }

    public boolean isValid() {
        return reason == null;
    }
}
