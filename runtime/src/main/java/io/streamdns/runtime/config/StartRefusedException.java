package io.streamdns.runtime.config;

import java.util.List;

/**
 * A stage will not start because what it found on Kafka (topic settings, the pipeline's configuration) disagrees
 * with what it needs; the message names the topic or flag and both values. The CLI prints it without a stack trace
 * and exits non-zero.
 */
public final class StartRefusedException extends IllegalStateException {
    private final List<String> problems;

    public StartRefusedException(String what, List<String> problems) {
        super(what + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
