package io.streamdns.app;

import io.streamdns.runtime.flags.Flag;
import io.streamdns.runtime.flags.FlagSet;
import io.streamdns.runtime.flags.FlagType;

/** Flags of the process rather than of a stage: logging, and external-dns's loop switches. */
public final class ProcessFlags {
    private ProcessFlags() {
    }

    public static final Flag<String> LOG_LEVEL = Flag.of("log-level",
            FlagType.oneOf("panic", "fatal", "error", "warning", "warn", "info", "debug", "trace"), "info",
            "Lowest level logged, as external-dns's (panic and fatal log errors); libraries log warnings and above");
    public static final Flag<String> LOG_FORMAT = Flag.of("log-format", FlagType.oneOf("text", "json"), "text",
            "text lines, or json: one object per line with time, level, logger, msg and the shard, name and plan_id "
                    + "an event is about");
    public static final Flag<Boolean> EVENTS = Flag.bool("events", true,
            "Accepted for external-dns: streamdns always reacts to changes of Kubernetes objects at once, "
                    + "--interval only sets the re-list period");

    /** The flags every stage command (and run) has. */
    public static final FlagSet ALL = FlagSet.of("process", LOG_LEVEL, LOG_FORMAT, EVENTS);
}
