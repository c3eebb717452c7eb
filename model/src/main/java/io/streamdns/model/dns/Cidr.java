package io.streamdns.model.dns;

import com.google.common.net.InetAddresses;
import java.util.Arrays;

/** A network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), as Go's net.ParseCIDR reads it. */
public final class Cidr {
    private final byte[] network;
    private final int bits;
    private final String text;

    private Cidr(byte[] network, int bits, String text) {
        this.network = network;
        this.bits = bits;
        this.text = text;
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static Cidr parse(String raw) {
        String s = raw == null ? "" : raw.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        String len = slash < 0 ? "" : s.substring(slash + 1);
        if (slash < 0 || !InetAddresses.isInetAddress(addr) || !len.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("'" + s + "' is not a network in CIDR notation (e.g. 10.0.0.0/8, "
                    + "2001:db8::/32)");
        }
        byte[] bytes = InetAddresses.forString(addr).getAddress();
        int bits = Integer.parseInt(len);
        if (bits > bytes.length * 8) {
            throw new IllegalArgumentException("'" + s + "': a prefix of " + bits + " bits is longer than the address");
        }
        return new Cidr(mask(bytes, bits), bits, s);
    }

    /** Whether {@code target} is an IP address in this network; a host name is in none. */
    public boolean contains(String target) {
        if (target == null || !InetAddresses.isInetAddress(target)) {
            return false;
        }
        byte[] ip = InetAddresses.forString(target).getAddress();
        return ip.length == network.length && Arrays.equals(mask(ip, bits), network);
    }

    public static boolean isIp(String target) {
        return target != null && InetAddresses.isInetAddress(target);
    }

    private static byte[] mask(byte[] ip, int bits) {
        byte[] out = ip.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.bits == bits && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + bits;
    }

    @Override
    public String toString() {
        return text;
    }
}
