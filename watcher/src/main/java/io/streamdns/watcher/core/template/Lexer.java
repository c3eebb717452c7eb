package io.streamdns.watcher.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Go's text/template lexer for the default delimiters: text, {@code {{- }} and {@code -}} trim markers, comments,
 * fields, variables, literals, {@code |}, parentheses, {@code :=} and {@code =}.
 */
final class Lexer {
    static final Set<String> KEYWORDS = Set.of("if", "else", "end", "range", "with", "break", "continue", "define",
            "template", "block");
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String in;
    private final List<Token> out = new ArrayList<>();
    private int pos;

    private Lexer(String in) {
        this.in = in;
    }

    static List<Token> lex(String in) {
        Lexer l = new Lexer(in);
        l.run();
        return l.out;
    }

    private void run() {
        boolean trimNext = false;
        while (pos < in.length()) {
            int open = in.indexOf(LEFT, pos);
            int textEnd = open < 0 ? in.length() : open;
            boolean trimLeft = open >= 0 && isTrimLeft(open);
            String text = in.substring(pos, textEnd);
            if (trimNext) {
                text = text.stripLeading();
            }
            if (trimLeft) {
                text = text.stripTrailing();
            }
            if (!text.isEmpty()) {
                out.add(new Token(Token.Kind.TEXT, text, pos, false));
            }
            if (open < 0) {
                pos = in.length();
                break;
            }
            pos = open + LEFT.length() + (trimLeft ? 2 : 0);
            trimNext = action(open);
        }
        out.add(new Token(Token.Kind.EOF, "", in.length(), false));
    }

    private boolean isTrimLeft(int open) {
        int i = open + LEFT.length();
        return i + 1 < in.length() && in.charAt(i) == '-' && isSpace(in.charAt(i + 1));
    }

    /** One action from after its left delimiter; true when it ends with a trim marker. */
    private boolean action(int start) {
        skipSpace();
        if (in.startsWith("/*", pos)) {
            int end = in.indexOf("*/", pos + 2);
            if (end < 0) {
                throw error(start, "unclosed comment");
            }
            pos = end + 2;
            boolean trim = in.startsWith(" -" + RIGHT, pos) || in.startsWith("\t-" + RIGHT, pos)
                    || in.startsWith("\n-" + RIGHT, pos);
            if (trim) {
                pos += 1;
            } else if (!in.startsWith(RIGHT, pos)) {
                throw error(start, "comment ends before closing delimiter");
            }
            pos += trim ? 3 : 2;
            return trim;
        }
        out.add(new Token(Token.Kind.LEFT, LEFT, start, false));
        int parens = 0;
        while (true) {
            boolean space = skipSpace();
            if (pos >= in.length()) {
                throw error(start, "unclosed action");
            }
            if (space && in.startsWith("-" + RIGHT, pos)) {
                out.add(new Token(Token.Kind.RIGHT, RIGHT, pos, true));
                pos += 3;
                return true;
            }
            if (in.startsWith(RIGHT, pos)) {
                if (parens > 0) {
                    throw error(start, "unclosed left paren");
                }
                out.add(new Token(Token.Kind.RIGHT, RIGHT, pos, space));
                pos += 2;
                return false;
            }
            char c = in.charAt(pos);
            int at = pos;
            switch (c) {
                case '|' -> single(Token.Kind.PIPE, space);
                case '(' -> {
                    parens++;
                    single(Token.Kind.LPAREN, space);
                }
                case ')' -> {
                    if (--parens < 0) {
                        throw error(at, "unexpected right paren");
                    }
                    single(Token.Kind.RPAREN, space);
                }
                case ',' -> single(Token.Kind.COMMA, space);
                case '=' -> single(Token.Kind.ASSIGN, space);
                case ':' -> {
                    if (!in.startsWith(":=", pos)) {
                        throw error(at, "expected :=");
                    }
                    pos += 2;
                    out.add(new Token(Token.Kind.DECLARE, ":=", at, space));
                }
                case '"' -> out.add(new Token(Token.Kind.STRING, quoted('"'), at, space));
                case '`' -> {
                    int end = in.indexOf('`', pos + 1);
                    if (end < 0) {
                        throw error(at, "unterminated raw quoted string");
                    }
                    out.add(new Token(Token.Kind.STRING, in.substring(pos + 1, end), at, space));
                    pos = end + 1;
                }
                case '\'' -> {
                    String ch = quoted('\'');
                    if (ch.codePointCount(0, ch.length()) != 1) {
                        throw error(at, "malformed character constant");
                    }
                    out.add(new Token(Token.Kind.CHAR, String.valueOf(ch.codePointAt(0)), at, space));
                }
                case '$' -> {
                    pos++;
                    out.add(new Token(Token.Kind.VARIABLE, "$" + word(), at, space));
                }
                case '.' -> {
                    if (pos + 1 < in.length() && isAlnum(in.charAt(pos + 1))) {
                        pos++;
                        out.add(new Token(Token.Kind.FIELD, word(), at, space));
                    } else if (pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1))) {
                        out.add(new Token(Token.Kind.NUMBER, number(), at, space));
                    } else {
                        single(Token.Kind.DOT, space);
                    }
                }
                default -> {
                    if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < in.length()
                            && (Character.isDigit(in.charAt(pos + 1)) || in.charAt(pos + 1) == '.'))) {
                        out.add(new Token(Token.Kind.NUMBER, number(), at, space));
                    } else if (isAlnum(c)) {
                        String w = word();
                        Token.Kind k = KEYWORDS.contains(w) ? Token.Kind.KEYWORD
                                : w.equals("true") || w.equals("false") ? Token.Kind.BOOL
                                : w.equals("nil") ? Token.Kind.NIL : Token.Kind.IDENT;
                        out.add(new Token(k, w, at, space));
                    } else {
                        throw error(at, "unrecognized character in action: '" + c + "'");
                    }
                }
            }
        }
    }

    private void single(Token.Kind k, boolean space) {
        out.add(new Token(k, String.valueOf(in.charAt(pos)), pos, space));
        pos++;
    }

    private boolean skipSpace() {
        int from = pos;
        while (pos < in.length() && isSpace(in.charAt(pos))) {
            pos++;
        }
        return pos > from;
    }

    private String word() {
        int from = pos;
        while (pos < in.length() && isAlnum(in.charAt(pos))) {
            pos++;
        }
        return in.substring(from, pos);
    }

    private String number() {
        int from = pos;
        pos++;
        while (pos < in.length() && (isAlnum(in.charAt(pos)) || in.charAt(pos) == '.'
                || ((in.charAt(pos) == '-' || in.charAt(pos) == '+') && "eEpP".indexOf(in.charAt(pos - 1)) >= 0
                && !in.startsWith("0x", from)))) {
            pos++;
        }
        return in.substring(from, pos);
    }

    /** A quoted string or character with Go's escapes, its value unquoted. */
    private String quoted(char q) {
        int at = pos;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= in.length() || in.charAt(pos) == '\n') {
                throw error(at, "unterminated quoted string");
            }
            char c = in.charAt(pos++);
            if (c == q) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= in.length()) {
                throw error(at, "unterminated quoted string");
            }
            char e = in.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '\\', '"', '\'' -> sb.append(e);
                case 'x' -> sb.append((char) hex(at, 2));
                case 'u' -> sb.append((char) hex(at, 4));
                case 'U' -> sb.appendCodePoint(hex(at, 8));
                default -> throw error(at, "unknown escape sequence: \\" + e);
            }
        }
    }

    private int hex(int at, int digits) {
        if (pos + digits > in.length()) {
            throw error(at, "invalid escape");
        }
        try {
            int v = Integer.parseInt(in.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw error(at, "invalid escape");
        }
    }

    private TemplateException error(int at, String what) {
        return new TemplateException(Parser.where(in, at) + what);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlnum(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
