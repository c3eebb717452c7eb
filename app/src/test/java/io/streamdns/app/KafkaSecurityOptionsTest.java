package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --kafka-config and --kafka-property reach every command that talks to Kafka, from flags and env vars alike. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KafkaSecurityOptionsTest {
    @TempDir
    Path dir;

    @Test
    void everyKafkaCommandTakesTheSettings() {
        CommandLine main = Main.newCommandLine();
        List<CommandLine> commands = List.of(main.getSubcommands().get("watcher"), main.getSubcommands().get("planner"),
                main.getSubcommands().get("applier"), main.getSubcommands().get("run"), main.getSubcommands().get("demo"),
                main.getSubcommands().get("audit").getSubcommands().get("history"),
                main.getSubcommands().get("audit").getSubcommands().get("why"));
        for (CommandLine c : commands) {
            assertThat(c.getCommandSpec().findOption("--kafka-config")).as(c.getCommandName()).isNotNull();
            assertThat(c.getCommandSpec().findOption("--kafka-property")).as(c.getCommandName()).isNotNull();
        }
    }

    @Test
    void envVariablesHoldTheFileAndOnePairPerLine() {
        CommandLine cmd = new CommandLine(new CommandLineTest.Holder());
        cmd.setDefaultValueProvider(new EnvDefaults(Map.of("STREAMDNS_KAFKA_CONFIG", "/etc/streamdns/kafka.properties",
                "STREAMDNS_KAFKA_PROPERTY", "sasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=a required b=\"c,d\";")));
        cmd.parseArgs();
        SharedOptions shared = ((CommandLineTest.Holder) cmd.getCommand()).shared;
        assertThat(shared.kafkaSecurity.kafkaConfig).isEqualTo(Path.of("/etc/streamdns/kafka.properties"));
        assertThat(shared.kafkaSecurity.kafkaProperties)
                .containsExactly("sasl.mechanism=SCRAM-SHA-512", "sasl.jaas.config=a required b=\"c,d\";");
    }

    @Test
    void runHandsTheSettingsToEveryStage() {
        CommandLine main = Main.newCommandLine();
        CommandLine run = main.getSubcommands().get("run");
        main.parseArgs("run", "--kafka-bootstrap-servers=k:9093", "--kafka-config=/etc/k.properties",
                "--kafka-property=security.protocol=SSL", "--kafka-property=ssl.key.password=x=y");
        RunCommand command = run.getCommand();
        for (CommandLine stage : RunCommand.stageCommandLines()) {
            assertThat(command.argsFor(stage.getCommandSpec())).as(stage.getCommandName())
                    .contains("--kafka-config=/etc/k.properties", "--kafka-property=security.protocol=SSL",
                            "--kafka-property=ssl.key.password=x=y");
            stage.parseArgs(command.argsFor(stage.getCommandSpec()).toArray(String[]::new));
            SharedOptions shared = ((StageCommand) stage.getCommand()).shared();
            assertThat(shared.kafkaSecurity.kafkaProperties).containsExactly("security.protocol=SSL", "ssl.key.password=x=y");
        }
    }

    @Test
    void missingFileFailsBeforeAnyConnection() {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("planner", "--txt-owner-id=o1", "--policy=sync", "--kafka-bootstrap-servers=127.0.0.1:1",
                "--kafka-config=" + dir.resolve("absent.properties"));
        assertThat(code).as(err::toString).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-config: no such file").contains("absent.properties");
    }

    @Test
    void settingsWithoutAGivenKafkaAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("k.properties"), "security.protocol=SSL\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("run", "--data-dir=" + dir.resolve("data"), "--kafka-config=" + file)).isEqualTo(2);
        assertThat(err.toString()).contains("add --kafka-bootstrap-servers");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void reservedKeysAreRefusedByName() {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("applier", "--txt-owner-id=o1", "--kafka-bootstrap-servers=127.0.0.1:1",
                "--kafka-property=enable.auto.commit=true")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-property: enable.auto.commit is set by streamdns itself");
    }
}
