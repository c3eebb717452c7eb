package io.streamdns.watcher.core.template;

/**
 * One lexeme of a Go template.
 *
 * @param space true when blank space separates it from the token before (Go's fields chain only without it)
 */
record Token(Kind kind, String text, int pos, boolean space) {
    enum Kind {
        TEXT, LEFT, RIGHT, FIELD, VARIABLE, DOT, IDENT, KEYWORD, STRING, NUMBER, CHAR, BOOL, NIL, PIPE, LPAREN,
        RPAREN, DECLARE, ASSIGN, COMMA, EOF
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }
}
