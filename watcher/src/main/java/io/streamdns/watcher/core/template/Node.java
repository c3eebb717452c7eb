package io.streamdns.watcher.core.template;

import java.util.List;

/** The parse tree of a Go template. */
sealed interface Node {
    record Text(String text) implements Node {
    }

    /** {@code {{pipeline}}}: prints the value unless the pipeline declares variables. */
    record Action(int pos, Pipe pipe) implements Node {
    }

    /** {@code if} and {@code with} ({@code with} sets dot to the value). */
    record Branch(int pos, boolean with, Pipe pipe, List<Node> then, List<Node> otherwise) implements Node {
    }

    record Range(int pos, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {
    }

    record Break(int pos) implements Node {
    }

    record Continue(int pos) implements Node {
    }

    /**
     * @param decl   variables declared ({@code $x :=}, {@code $k, $v :=}) or assigned ({@code assign})
     * @param cmds   the commands, each one's value the final argument of the next
     */
    record Pipe(int pos, List<String> decl, boolean assign, List<Cmd> cmds) {
    }

    record Cmd(int pos, List<Arg> args) {
    }

    /** An operand. */
    sealed interface Arg {
    }

    /** {@code .A.B} on dot. */
    record Field(List<String> names) implements Arg {
    }

    /** {@code $x.A.B}. */
    record Var(String name, List<String> fields) implements Arg {
    }

    record Dot() implements Arg {
    }

    record Nil() implements Arg {
    }

    /** String, Long, Double or Boolean. */
    record Lit(Object value) implements Arg {
    }

    /** A function name. */
    record Ident(String name) implements Arg {
    }

    /** {@code (pipeline).A.B}. */
    record Sub(Pipe pipe, List<String> fields) implements Arg {
    }
}
