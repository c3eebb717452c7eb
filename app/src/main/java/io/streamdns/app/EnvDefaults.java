package io.streamdns.app;

import io.streamdns.runtime.flags.Flag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Every flag {@code --foo-bar} not from the flag registry also reads {@code STREAMDNS_FOO_BAR}, else
 * {@code EXTERNAL_DNS_FOO_BAR}; the registry's flags read both themselves ({@link FlagOptions}).
 */
public final class EnvDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;

    public EnvDefaults(Map<String, String> env) {
        this.env = env;
    }

    public static String envName(String longOption) {
        return envNames(longOption).get(0);
    }

    /** {@code STREAMDNS_<FLAG>}, then external-dns's {@code EXTERNAL_DNS_<FLAG>}. */
    public static List<String> envNames(String longOption) {
        String upper = longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
        return List.of("STREAMDNS_" + upper, "EXTERNAL_DNS_" + upper);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option && !(option.userObject() instanceof Flag)) {
            for (String name : envNames(option.longestName())) {
                String value = env.get(name);
                if (value != null) {
                    return value;
                }
            }
        }
        return argSpec.defaultValue();
    }
}
