package io.streamdns.runtime.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The typed values of one {@link FlagSet}: given, from the environment, or the defaults. Immutable. */
public final class FlagValues {
    private final FlagSet set;
    private final Map<Flag<?>, Object> values;
    private final Set<String> given;

    FlagValues(FlagSet set, Map<Flag<?>, Object> values, Set<String> given) {
        this.set = set;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.given = Set.copyOf(given);
    }

    /** @throws IllegalArgumentException for a flag this set does not have (a programming error) */
    @SuppressWarnings("unchecked")
    public <T> T get(Flag<T> flag) {
        if (!values.containsKey(flag)) {
            throw new IllegalArgumentException(set.owner() + " has no flag --" + flag.name());
        }
        return (T) values.get(flag);
    }

    /** Whether the flag was on the command line or in the environment (not its default). */
    public boolean given(Flag<?> flag) {
        return given.contains(flag.name());
    }

    public FlagSet set() {
        return set;
    }
}
