package io.streamdns.app.safety;

import io.streamdns.app.audit.AuditExit;
import io.streamdns.app.audit.AuditFailure;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** What the operator commands ({@code approve-deletes}, {@code clusters ...}) share: streams, failures, who, names. */
final class OperatorCommand {
    private OperatorCommand() {
    }

    /** The body of a command: writes to {@code out}, throws {@link AuditFailure} for a failure with an exit code. */
    interface Body {
        int run(PrintWriter out) throws AuditFailure;
    }

    /** Runs {@code body}; a failure is one line {@code streamdns <command>: <message>} and its exit code. */
    static int run(CommandSpec spec, String command, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.run(out);
        } catch (AuditFailure f) {
            err.println("streamdns " + command + ": " + f.getMessage());
            return f.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code --by}, else the OS user: who is named on the audit trail. */
    static String who(String by) {
        return by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
    }

    /** A {@code --cluster-name} as it appears in record keys; refuses what no watcher can have written. */
    static String clusterName(String raw, String what) {
        String c = raw == null ? "" : raw.strip();
        if (c.isEmpty() || c.contains("/") || c.contains("|") || c.startsWith("!")) {
            throw new AuditFailure(AuditExit.BAD_INPUT, what + ": '" + raw + "' is not a cluster name");
        }
        return c;
    }
}
