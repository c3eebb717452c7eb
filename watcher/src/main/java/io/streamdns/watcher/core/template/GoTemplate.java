package io.streamdns.watcher.core.template;

import java.util.List;

/**
 * A Go text/template, parsed once: the subset external-dns's {@code --fqdn-template} users write (everything but
 * {@code define}, {@code template}, {@code block} and the {@code call}/{@code html}/{@code js} functions), with
 * external-dns's functions. Pure and thread-safe once parsed.
 */
public final class GoTemplate {
    private final String source;
    private final List<Node> tree;

    private GoTemplate(String source, List<Node> tree) {
        this.source = source;
        this.tree = tree;
    }

    /** @throws TemplateException with line:column and what is wrong, as Go's parser says it */
    public static GoTemplate parse(String text) {
        return new GoTemplate(text, Parser.parse(text));
    }

    /**
     * The template's output for {@code data} ({@link KubeData}).
     *
     * @param missingKeyError Go's {@code missingkey=error}
     * @param sourceName      the external-dns source name {@code isSource} compares with
     * @throws TemplateException where and why execution failed
     */
    public String execute(Object data, boolean missingKeyError, String sourceName) {
        return Exec.run(source, tree, data, missingKeyError, sourceName);
    }

    @Override
    public String toString() {
        return source;
    }
}
