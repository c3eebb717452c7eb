package io.streamdns.app;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every flag {@code --foo-bar} also reads {@code STREAMDNS_FOO_BAR} (lists: comma separated). */
public final class EnvDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;

    public EnvDefaults(Map<String, String> env) {
        this.env = env;
    }

    public static String envName(String longOption) {
        return "STREAMDNS_" + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = env.get(envName(option.longestName()));
            if (value != null) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
