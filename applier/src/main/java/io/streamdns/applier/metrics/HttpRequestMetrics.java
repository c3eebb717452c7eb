package io.streamdns.applier.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * external-dns's {@code external_dns_http_request_duration_seconds{handler, scheme, host, path, method, status}}
 * (a summary with the 0.5, 0.9 and 0.99 quantiles) for every HTTP request of the Route 53 client, as external-dns's
 * AWS middleware records them: {@code path} is the last segment of the URL path, {@code status} the HTTP status or
 * {@code unknown} when no response came. An SDK interceptor; the registry is bound once the stage has one (the
 * client is built before).
 */
public final class HttpRequestMetrics implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("streamdns.http.started");
    private static final ExecutionAttribute<Boolean> RECORDED = new ExecutionAttribute<>("streamdns.http.recorded");
    private volatile MeterRegistry registry;

    public HttpRequestMetrics() {
    }

    HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Where the requests are recorded from now on (none before). */
    public HttpRequestMetrics bindTo(MeterRegistry r) {
        this.registry = r;
        return this;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        attributes.putAttribute(RECORDED, false);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        record(context.httpRequest(), String.valueOf(context.httpResponse().statusCode()), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (Boolean.FALSE.equals(attributes.getAttribute(RECORDED)) && context.httpRequest().isPresent()) {
            record(context.httpRequest().get(), "unknown", attributes); // sent, but no response (timeout, reset)
        }
    }

    private void record(SdkHttpRequest request, String status, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        MeterRegistry r = registry;
        if (started == null || r == null) {
            return;
        }
        attributes.putAttribute(RECORDED, true);
        Timer.builder("external_dns_http_request_duration")
                .description("The HTTP request latencies in seconds.")
                .tag("handler", "instrumented_http").tag("scheme", request.protocol())
                .tag("host", host(request)).tag("path", lastSegment(request.encodedPath()))
                .tag("method", request.method().name()).tag("status", status)
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(r).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Go's {@code URL.Host}: the port only when the URL names one that is not the scheme's. */
    static String host(SdkHttpRequest request) {
        int port = request.port();
        boolean standard = port == -1 || "https".equals(request.protocol()) && port == 443
                || "http".equals(request.protocol()) && port == 80;
        return standard ? request.host() : request.host() + ":" + port;
    }

    /** external-dns's {@code PathProcessor}: the part after the last slash ({@code /2013-04-01/hostedzone} → hostedzone). */
    static String lastSegment(String path) {
        if (path == null) {
            return "";
        }
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }
}
