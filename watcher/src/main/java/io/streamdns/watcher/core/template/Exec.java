package io.streamdns.watcher.core.template;

import io.streamdns.watcher.core.template.GoValues.ExecError;
import io.streamdns.watcher.core.template.GoValues.GoMap;
import io.streamdns.watcher.core.template.Node.Arg;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes a parse tree on data, as text/template's exec.go: dot, variables (popped at the end of each control),
 * pipelines (each command's value the next one's final argument), lazy {@code and}/{@code or}. Bounded: an object
 * cannot make a template spin or print without end.
 */
final class Exec {
    static final int MAX_OUTPUT = 64 * 1024;
    static final int MAX_STEPS = 1_000_000;

    private enum Flow { NEXT, BREAK, CONTINUE }

    /** A pipeline's value when it has none yet (the first command gets no final argument). */
    private static final Object NONE = new Object();

    private final String src;
    private final boolean missingKeyError;
    private final String source;
    private final StringBuilder out = new StringBuilder();
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int steps;

    private Exec(String src, boolean missingKeyError, String source) {
        this.src = src;
        this.missingKeyError = missingKeyError;
        this.source = source;
    }

    /** @throws TemplateException where and why it failed */
    static String run(String src, List<Node> tree, Object data, boolean missingKeyError, String source) {
        Exec e = new Exec(src, missingKeyError, source);
        e.names.add("$");
        e.values.add(data);
        e.list(tree, data);
        return e.out.toString();
    }

    private Flow list(List<Node> nodes, Object dot) {
        for (Node n : nodes) {
            Flow f = node(n, dot);
            if (f != Flow.NEXT) {
                return f;
            }
        }
        return Flow.NEXT;
    }

    private Flow node(Node n, Object dot) {
        if (++steps > MAX_STEPS) {
            throw new TemplateException("template takes more than " + MAX_STEPS + " steps");
        }
        if (n instanceof Node.Text t) {
            write(t.text());
        } else if (n instanceof Node.Action a) {
            Object v = at(a.pos(), () -> pipeline(dot, a.pipe()));
            if (a.pipe().decl().isEmpty()) {
                write(GoValues.print(v));
            }
        } else if (n instanceof Node.Branch b) {
            int mark = names.size();
            Object v = at(b.pos(), () -> pipeline(dot, b.pipe()));
            Flow f = GoValues.isTrue(v) ? list(b.then(), b.with() ? v : dot) : list(b.otherwise(), dot);
            pop(mark);
            return f;
        } else if (n instanceof Node.Range r) {
            return range(r, dot);
        } else if (n instanceof Node.Break) {
            return Flow.BREAK;
        } else if (n instanceof Node.Continue) {
            return Flow.CONTINUE;
        }
        return Flow.NEXT;
    }

    private Flow range(Node.Range r, Object dot) {
        int mark = names.size();
        Node.Pipe pipe = r.pipe();
        Object v = at(r.pos(), () -> cmds(dot, pipe));
        List<Object[]> items = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (int k = 0; k < l.size(); k++) {
                items.add(new Object[] {(long) k, l.get(k)});
            }
        } else if (v instanceof GoMap m) {
            m.entries().forEach((k, x) -> items.add(new Object[] {k, x}));
        } else if (v instanceof Long n) {
            if (n > MAX_STEPS) {
                throw new TemplateException(Parser.where(src, r.pos()) + "range over " + n + " is too long");
            }
            for (long k = 0; k < n; k++) {
                items.add(new Object[] {k, k});
            }
        } else if (v != null && v != GoValues.NO_VALUE && !(v instanceof GoValues.NilPointer)) {
            throw new TemplateException(Parser.where(src, r.pos()) + "range can't iterate over " + GoValues.print(v));
        }
        if (items.isEmpty()) {
            Flow f = list(r.otherwise(), dot);
            pop(mark);
            return f;
        }
        for (Object[] item : items) {
            int inner = names.size();
            declare(pipe, item);
            Flow f = list(r.body(), item[1]);
            pop(inner);
            if (f == Flow.BREAK) {
                break;
            }
        }
        pop(mark);
        return Flow.NEXT;
    }

    /** A range's variables: one takes the element, two take key (or index) and element. */
    private void declare(Node.Pipe pipe, Object[] item) {
        List<String> decl = pipe.decl();
        if (decl.size() == 1) {
            set(decl.get(0), item[1], pipe.assign());
        } else if (decl.size() == 2) {
            set(decl.get(0), item[0], pipe.assign());
            set(decl.get(1), item[1], pipe.assign());
        }
    }

    private Object pipeline(Object dot, Node.Pipe pipe) {
        Object v = cmds(dot, pipe);
        for (String d : pipe.decl()) {
            set(d, v, pipe.assign());
        }
        return v;
    }

    private Object cmds(Object dot, Node.Pipe pipe) {
        Object v = NONE;
        for (Node.Cmd c : pipe.cmds()) {
            v = command(dot, c, v);
        }
        return v;
    }

    private Object command(Object dot, Node.Cmd c, Object fin) {
        Arg first = c.args().get(0);
        List<Arg> rest = c.args().subList(1, c.args().size());
        if (first instanceof Node.Ident id) {
            return function(dot, id.name(), rest, fin);
        }
        if (!rest.isEmpty() || fin != NONE) {
            String what = first instanceof Node.Field f ? "." + String.join(".", f.names())
                    : first instanceof Node.Var v ? v.name() : GoValues.print(arg(dot, first));
            throw new ExecError(what + " is not a function and cannot take arguments");
        }
        if (first instanceof Node.Nil) {
            throw new ExecError("nil is not a command");
        }
        return arg(dot, first);
    }

    private Object function(Object dot, String name, List<Arg> args, Object fin) {
        int count = args.size() + (fin == NONE ? 0 : 1);
        if (Builtins.LAZY.contains(name)) {
            if (count == 0) {
                throw new ExecError("wrong number of args for " + name + ": want at least 1 got 0");
            }
            boolean and = name.equals("and");
            Object v = null;
            for (int k = 0; k < count; k++) {
                v = k < args.size() ? arg(dot, args.get(k)) : fin;
                if (GoValues.isTrue(v) != and) {
                    return v;
                }
            }
            return v;
        }
        List<Object> values = new ArrayList<>();
        for (Arg a : args) {
            values.add(arg(dot, a));
        }
        if (fin != NONE) {
            values.add(fin);
        }
        try {
            return Builtins.call(name, values, source);
        } catch (ExecError e) {
            throw new ExecError("error calling " + name + ": " + e.getMessage());
        }
    }

    private Object arg(Object dot, Arg a) {
        if (a instanceof Node.Field f) {
            return chain(dot, f.names());
        }
        if (a instanceof Node.Var v) {
            return chain(get(v.name()), v.fields());
        }
        if (a instanceof Node.Dot) {
            return dot;
        }
        if (a instanceof Node.Nil) {
            return null;
        }
        if (a instanceof Node.Lit l) {
            return l.value();
        }
        if (a instanceof Node.Ident id) {
            return function(dot, id.name(), List.of(), NONE);
        }
        Node.Sub s = (Node.Sub) a;
        return chain(cmds(dot, s.pipe()), s.fields());
    }

    private Object chain(Object receiver, List<String> fields) {
        Object v = receiver;
        for (String f : fields) {
            v = GoValues.field(v, f, missingKeyError);
        }
        return v;
    }

    private Object get(String name) {
        for (int k = names.size() - 1; k >= 0; k--) {
            if (names.get(k).equals(name)) {
                return values.get(k);
            }
        }
        throw new ExecError("undefined variable: " + name);
    }

    private void set(String name, Object v, boolean assign) {
        if (assign) {
            for (int k = names.size() - 1; k >= 0; k--) {
                if (names.get(k).equals(name)) {
                    values.set(k, v);
                    return;
                }
            }
            throw new ExecError("undefined variable: " + name);
        }
        names.add(name);
        values.add(v);
    }

    private void pop(int mark) {
        while (names.size() > mark) {
            names.remove(names.size() - 1);
            values.remove(values.size() - 1);
        }
    }

    private void write(String s) {
        out.append(s);
        if (out.length() > MAX_OUTPUT) {
            throw new TemplateException("template output is longer than " + MAX_OUTPUT + " characters");
        }
    }

    private Object at(int pos, java.util.function.Supplier<Object> f) {
        try {
            return f.get();
        } catch (ExecError e) {
            throw new TemplateException(Parser.where(src, pos) + e.getMessage());
        }
    }
}
