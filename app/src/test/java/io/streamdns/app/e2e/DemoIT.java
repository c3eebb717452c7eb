package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** {@code streamdns demo --exit-when-done} walks its whole story and the audit trail it leaves answers. */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void demoWalksTheStoryThenAuditExplains() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        int exit = cmd.execute("demo", "--exit-when-done", "--data-dir", dir.toString(), "--http-port", "0");
        String text = out.toString();
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("Step 1:", "Step 8:", "reached Route 53 in", "webapp.example.com", "a-webapp.example.com",
                "198.51.100.7", "www.example.com", "DNSEndpoint default/records",
                "HTTPRoute default/store", "Story done: 8 steps");

        StringWriter audit = new StringWriter();
        CommandLine auditCmd = Main.newCommandLine();
        auditCmd.setOut(new PrintWriter(audit, true));
        int auditExit = auditCmd.execute("audit", "history", "webapp.example.com", "--data-dir", dir.resolve("demo").toString());
        assertThat(auditExit).as(audit.toString()).isZero();
        assertThat(audit.toString()).contains("cluster-a", "cluster-b", "my-webapp");
    }
}
