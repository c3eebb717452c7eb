package io.streamdns.watcher.core.template;

/** A template that does not parse, or fails on an object; the message says where and why, as Go's does. */
public final class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
        super(message);
    }
}
