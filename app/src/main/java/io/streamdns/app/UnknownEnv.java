package io.streamdns.app;

import io.streamdns.runtime.flags.Flag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code STREAMDNS_<X>} variables no flag of any command reads (a typo such as {@code STREAMDNS_DOMAIN_FILTERS})
 * are warned about at start, naming the nearest flag, instead of being silently ignored. A warning, not a refusal:
 * a platform sets variables a process never asked for (Kubernetes's service links of the {@code streamdns-metrics}
 * Service are {@code STREAMDNS_METRICS_SERVICE_HOST}, {@code STREAMDNS_METRICS_PORT}, ...), and a pod must not
 * crash-loop on them; those are recognised and skipped. {@code EXTERNAL_DNS_<X>} variables are ignored when unknown,
 * as external-dns does. Pure but for {@link #knownNames} reading the command tree.
 */
final class UnknownEnv {
    static final String PREFIX = "STREAMDNS_";
    /** Read by the {@code streamdns} launcher script, not by a flag. */
    private static final Set<String> NOT_FLAGS = Set.of("STREAMDNS_JAVA_OPTS");
    /** Kubernetes service links of a Service named streamdns-...: {@code <SVC>_SERVICE_HOST}, {@code _SERVICE_PORT[_<NAME>]}, {@code _PORT_<n>_<PROTO>[_PROTO|_PORT|_ADDR]}. */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "STREAMDNS(_[A-Z0-9_]+)?_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_\\d+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)");
    /** {@code <SVC>_PORT=tcp://10.0.0.1:7979}: recognised by its value, since {@code _PORT} ends flags too. */
    private static final Pattern SERVICE_LINK_URL = Pattern.compile("(tcp|udp|sctp)://.*");

    private UnknownEnv() {
    }

    /** Every {@code STREAMDNS_} variable any option of any command reads. */
    static Set<String> knownNames(CommandLine root) {
        Set<String> known = new TreeSet<>(NOT_FLAGS);
        collect(root, known);
        return known;
    }

    private static void collect(CommandLine cl, Set<String> known) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.userObject() instanceof Flag<?> f) {
                known.addAll(f.allEnvNames());
            } else if (o.longestName().startsWith("--")) {
                known.addAll(EnvDefaults.envNames(o.longestName()));
            }
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, known));
    }

    /** One warning per unknown {@code STREAMDNS_} variable, in name order. */
    static List<String> warnings(Map<String, String> env, Set<String> known) {
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (!name.startsWith(PREFIX) || known.contains(name) || serviceLink(name, env.get(name))) {
                continue;
            }
            String nearest = known.stream().filter(k -> k.startsWith(PREFIX) && !NOT_FLAGS.contains(k))
                    .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k)).orElse(null);
            String hint = nearest != null && distance(name, nearest) <= Math.max(2, name.length() / 4)
                    ? "did you mean " + nearest + " (" + option(nearest) + ")?"
                    : "no flag's variable is close; `streamdns <command> --help` lists each flag's variables";
            out.add("environment variable " + name + " is not read by any streamdns flag and is ignored: " + hint);
        }
        return out;
    }

    static boolean serviceLink(String name, String value) {
        return SERVICE_LINK.matcher(name).matches()
                || name.endsWith("_PORT") && value != null && SERVICE_LINK_URL.matcher(value).matches();
    }

    private static String option(String envName) {
        return "--" + envName.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
