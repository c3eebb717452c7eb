package io.streamdns.app;

import io.streamdns.runtime.kafka.KafkaPreflight.KafkaAccessException;
import picocli.CommandLine;

/**
 * A Kafka that refuses the command's settings (wrong password, untrusted certificate, protocol mismatch) ends the
 * command with its one-line cause and exit code {@value #EXIT_CODE} (a malformed setting: 2, as a bad flag), not a
 * stack trace; anything else as before.
 */
final class KafkaAccessFailures {
    static final int EXIT_CODE = 3;

    private KafkaAccessFailures() {
    }

    static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KafkaAccessException access) {
                cmd.getErr().println("streamdns " + cmd.getCommandName() + ": " + access.getMessage());
                cmd.getErr().flush();
                return access.invalidSettings() ? 2 : EXIT_CODE;
            }
        }
        throw e;
    }
}
