package io.streamdns.watcher.core;

/** Object-level checks both mappers share. */
final class Skips {
    private Skips() {
    }

    /** Why an object is ignored by the controller annotation or {@code --annotation-filter}, or null. */
    static String common(Annotations annotations, MappingOptions options) {
        String controller = annotations.get(Annotations.CONTROLLER).orElse(null);
        if (controller != null && !controller.equals(Annotations.OUR_CONTROLLER)) {
            return "controller annotation is '" + controller + "', not '" + Annotations.OUR_CONTROLLER + "'";
        }
        if (!options.annotationFilter().matches(annotations.raw())) {
            return "annotations do not match --annotation-filter '" + options.annotationFilter() + "'";
        }
        return null;
    }
}
