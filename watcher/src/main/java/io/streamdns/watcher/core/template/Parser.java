package io.streamdns.watcher.core.template;

import io.streamdns.watcher.core.template.Node.Arg;
import io.streamdns.watcher.core.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/template grammar without {@code define}, {@code template} and {@code block}: text, actions, pipelines
 * with {@code |}, parentheses, variables ({@code :=}, {@code =}), {@code if}/{@code else if}/{@code else},
 * {@code range} (with {@code break}, {@code continue}, {@code else}), {@code with}/{@code else with}. As Go, an
 * unknown function or undefined variable is a parse error.
 */
final class Parser {
    private final String src;
    private final List<Token> toks;
    private final List<String> vars = new ArrayList<>(List.of("$"));
    private int i;
    private int rangeDepth;

    private Parser(String src) {
        this.src = src;
        this.toks = Lexer.lex(src);
    }

    static List<Node> parse(String src) {
        Parser p = new Parser(src);
        List<Node> nodes = new ArrayList<>();
        Token end = p.list(nodes);
        if (end.kind() != Kind.EOF) {
            throw p.error(end.pos(), "unexpected {{" + end.text() + "}}");
        }
        return nodes;
    }

    /** "1:7: ", the line and column of {@code pos}, as Go's messages start. */
    static String where(String src, int pos) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < pos && k < src.length(); k++) {
            if (src.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return line + ":" + col + ": ";
    }

    /** Nodes up to {{end}}, {{else}} or the end; returns that terminator (its keyword token, or EOF). */
    private Token list(List<Node> nodes) {
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case EOF -> {
                    return t;
                }
                case TEXT -> nodes.add(new Node.Text(t.text()));
                case LEFT -> {
                    Token k = peek();
                    if (k.kind() == Kind.KEYWORD) {
                        next();
                        switch (k.text()) {
                            case "end", "else" -> {
                                return k;
                            }
                            case "if" -> nodes.add(branch(k, false));
                            case "with" -> nodes.add(branch(k, true));
                            case "range" -> nodes.add(range(k));
                            case "break", "continue" -> {
                                if (rangeDepth == 0) {
                                    throw error(k.pos(), "{{" + k.text() + "}} outside {{range}}");
                                }
                                expect(Kind.RIGHT, "in {{" + k.text() + "}}");
                                nodes.add(k.text().equals("break") ? new Node.Break(k.pos())
                                        : new Node.Continue(k.pos()));
                            }
                            default -> throw error(k.pos(), "{{" + k.text() + "}} is not supported (define, template "
                                    + "and block are not)");
                        }
                    } else {
                        Node.Pipe pipe = pipeline("command", false);
                        nodes.add(new Node.Action(k.pos(), pipe));
                    }
                }
                default -> throw error(t.pos(), "unexpected " + t.text());
            }
        }
    }

    private Node branch(Token k, boolean with) {
        int mark = vars.size();
        Node.Pipe pipe = pipeline(k.text(), false);
        List<Node> then = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        Token end = list(then);
        if (end.kind() == Kind.EOF) {
            throw error(k.pos(), "unexpected EOF: {{" + k.text() + "}} without {{end}}");
        }
        if (end.text().equals("else")) {
            Token n = peek();
            if (n.is(Kind.KEYWORD, k.text())) { // {{else if}} / {{else with}}: a nested branch sharing our {{end}}
                next();
                otherwise.add(branch(n, with));
                truncate(mark);
                return new Node.Branch(k.pos(), with, pipe, then, otherwise);
            }
            expect(Kind.RIGHT, "in {{else}}");
            Token last = list(otherwise);
            if (!last.is(Kind.KEYWORD, "end")) {
                throw error(k.pos(), "expected {{end}} for {{" + k.text() + "}}");
            }
        }
        expect(Kind.RIGHT, "in {{end}}");
        truncate(mark);
        return new Node.Branch(k.pos(), with, pipe, then, otherwise);
    }

    private Node range(Token k) {
        int mark = vars.size();
        Node.Pipe pipe = pipeline("range", true);
        List<Node> body = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        rangeDepth++;
        Token end = list(body);
        rangeDepth--;
        if (end.kind() == Kind.EOF) {
            throw error(k.pos(), "unexpected EOF: {{range}} without {{end}}");
        }
        if (end.text().equals("else")) {
            expect(Kind.RIGHT, "in {{else}}");
            Token last = list(otherwise);
            if (!last.is(Kind.KEYWORD, "end")) {
                throw error(k.pos(), "expected {{end}} for {{range}}");
            }
        }
        expect(Kind.RIGHT, "in {{end}}");
        truncate(mark);
        return new Node.Range(k.pos(), pipe, body, otherwise);
    }

    /** A pipeline up to the closing delimiter (consumed), with its declaration. */
    private Node.Pipe pipeline(String context, boolean isRange) {
        int pos = peek().pos();
        List<String> decl = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VARIABLE) {
            int save = i;
            Token v = next();
            Token op = peek();
            if (op.kind() == Kind.DECLARE || op.kind() == Kind.ASSIGN) {
                next();
                decl.add(v.text());
                assign = op.kind() == Kind.ASSIGN;
            } else if (op.kind() == Kind.COMMA && isRange) {
                next();
                Token v2 = expect(Kind.VARIABLE, "in range declaration");
                Token op2 = next();
                if (op2.kind() != Kind.DECLARE && op2.kind() != Kind.ASSIGN) {
                    throw error(op2.pos(), "expected := or = after " + v2.text());
                }
                decl.add(v.text());
                decl.add(v2.text());
                assign = op2.kind() == Kind.ASSIGN;
            } else {
                i = save;
            }
        }
        for (String d : decl) {
            if (assign) {
                checkVar(d, pos);
            }
        }
        List<Node.Cmd> cmds = new ArrayList<>();
        while (true) {
            cmds.add(command());
            Token t = next();
            if (t.kind() == Kind.RIGHT || t.kind() == Kind.RPAREN) {
                if (t.kind() == Kind.RPAREN) {
                    i--; // the caller of a parenthesized pipeline consumes it
                }
                break;
            }
            if (t.kind() != Kind.PIPE) {
                throw error(t.pos(), "unexpected " + t.text() + " in " + context);
            }
        }
        if (!assign) {
            vars.addAll(decl);
        }
        return new Node.Pipe(pos, List.copyOf(decl), assign, List.copyOf(cmds));
    }

    private Node.Cmd command() {
        int pos = peek().pos();
        List<Arg> args = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.RIGHT || t.kind() == Kind.PIPE || t.kind() == Kind.RPAREN) {
                break;
            }
            if (!args.isEmpty() && !t.space() && t.kind() != Kind.FIELD) {
                throw error(t.pos(), "missing space before " + t.text());
            }
            args.add(operand());
        }
        if (args.isEmpty()) {
            throw error(pos, "missing value for command");
        }
        return new Node.Cmd(pos, List.copyOf(args));
    }

    private Arg operand() {
        Token t = next();
        Arg a = switch (t.kind()) {
            case FIELD -> new Node.Field(fields(t.text()));
            case VARIABLE -> {
                checkVar(t.text(), t.pos());
                yield new Node.Var(t.text(), fields(null));
            }
            case DOT -> new Node.Dot();
            case NIL -> new Node.Nil();
            case BOOL -> new Node.Lit(Boolean.parseBoolean(t.text()));
            case STRING -> new Node.Lit(t.text());
            case CHAR -> new Node.Lit(Long.parseLong(t.text()));
            case NUMBER -> new Node.Lit(number(t));
            case IDENT -> {
                if (!Builtins.has(t.text())) {
                    throw error(t.pos(), "function \"" + t.text() + "\" not defined");
                }
                yield new Node.Ident(t.text());
            }
            case LPAREN -> {
                Node.Pipe p = pipeline("parenthesized pipeline", false);
                expect(Kind.RPAREN, "after parenthesized pipeline");
                yield new Node.Sub(p, fields(null));
            }
            default -> throw error(t.pos(), "unexpected " + (t.kind() == Kind.EOF ? "EOF" : t.text()) + " in operand");
        };
        if (a instanceof Node.Field || a instanceof Node.Var || a instanceof Node.Sub) {
            return a;
        }
        if (peek().kind() == Kind.FIELD && !peek().space()) {
            throw error(peek().pos(), "unexpected ." + peek().text() + " after " + t.text());
        }
        return a;
    }

    /** {@code first} and the fields that follow without space. */
    private List<String> fields(String first) {
        List<String> names = new ArrayList<>();
        if (first != null) {
            names.add(first);
        }
        while (peek().kind() == Kind.FIELD && !peek().space()) {
            names.add(next().text());
        }
        return List.copyOf(names);
    }

    private Object number(Token t) {
        String s = t.text().replace("_", "");
        try {
            if (s.matches("[+-]?0[xX][0-9a-fA-F]+")) {
                boolean neg = s.startsWith("-");
                long v = Long.parseLong(s.replaceFirst("^[+-]?0[xX]", ""), 16);
                return neg ? -v : v;
            }
            if (s.matches("[+-]?[0-9]+")) {
                return Long.parseLong(s);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(t.pos(), "bad number syntax: \"" + t.text() + "\"");
        }
    }

    private void checkVar(String name, int pos) {
        if (!vars.contains(name)) {
            throw error(pos, "undefined variable \"" + name + "\"");
        }
    }

    private void truncate(int mark) {
        while (vars.size() > mark) {
            vars.remove(vars.size() - 1);
        }
    }

    private Token expect(Kind k, String context) {
        Token t = next();
        if (t.kind() != k) {
            throw error(t.pos(), "unexpected " + (t.kind() == Kind.EOF ? "EOF" : t.text()) + " " + context);
        }
        return t;
    }

    private Token next() {
        return toks.get(Math.min(i++, toks.size() - 1));
    }

    private Token peek() {
        return toks.get(Math.min(i, toks.size() - 1));
    }

    private TemplateException error(int pos, String what) {
        return new TemplateException(where(src, pos) + what);
    }
}
