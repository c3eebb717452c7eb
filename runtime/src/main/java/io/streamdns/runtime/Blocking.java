package io.streamdns.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose methods block (a raw Kafka consumer reading a partition to its end, an admin call waited
 * for): it is called only from a worker pool, never from an event loop. The architecture rule of every stage
 * module allows blocking calls only in classes marked with it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Blocking {
    /** Where it runs, e.g. the named worker pool: a reader sees at once which pool to size. */
    String value();
}
