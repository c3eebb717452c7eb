package io.streamdns.sandbox.route53;

import io.streamdns.sandbox.route53.store.ChangeInfo;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.streamdns.sandbox.route53.store.RecordSet;
import io.streamdns.sandbox.route53.store.ZoneInfo;
import io.streamdns.sandbox.route53.store.ZoneStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Route 53 stand-in: a Vert.x HTTP server speaking Route 53's REST-XML API (2013-04-01) to the real AWS
 * SDK, as strict as Route 53 about change batches, with its 5 requests/s account throttle, injectable
 * faults and per-operation counters. Point a client at {@link #endpoint()} with any static credentials.
 * The in-process methods here and the JSON admin API under {@code /_emulator} do the same things.
 */
public final class Route53Emulator {
    private static final Logger LOG = LoggerFactory.getLogger(Route53Emulator.class);
    private static final ZoneInfo.Vpc DEFAULT_VPC = new ZoneInfo.Vpc("us-east-1", "vpc-emulator");

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Route53EmulatorOptions options;
    private final ZoneStore store;
    private final TokenBucket bucket;
    private final FaultInjector faults;
    private final EmulatorCounters counters = new EmulatorCounters();
    private final HttpServer server;

    private Route53Emulator(Vertx vertx, boolean ownsVertx, Route53EmulatorOptions options) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.options = options;
        this.store = new ZoneStore(Clock.systemUTC(), options.changeDelay(), options.priorRequestCheck(),
                System.nanoTime());
        this.bucket = TokenBucket.system(options.rateLimitPerSecond(), options.burst());
        this.faults = new FaultInjector(options.faults(), System.nanoTime());
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port()))
                .requestHandler(new Route53HttpHandler(vertx, store, bucket, faults, counters, new AdminHandler(this)));
    }

    /** Starts on the given Vert.x; the initial zones of the options exist once the future completes. */
    public static Future<Route53Emulator> start(Vertx vertx, Route53EmulatorOptions options) {
        return start(vertx, false, options);
    }

    /** Starts on a Vert.x of its own (closed by {@link #close()}) and waits until it listens. */
    public static Route53Emulator startBlocking(Route53EmulatorOptions options) {
        Vertx vertx = Vertx.vertx();
        try {
            return start(vertx, true, options).toCompletionStage().toCompletableFuture().join();
        } catch (CompletionException e) {
            vertx.close();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private static Future<Route53Emulator> start(Vertx vertx, boolean ownsVertx, Route53EmulatorOptions options) {
        Route53Emulator emulator;
        try {
            emulator = new Route53Emulator(vertx, ownsVertx, options);
            emulator.createInitialZones();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return emulator.server.listen().map(s -> {
            LOG.info("Route 53 emulator listening on {} (rate limit {}/s, change delay {} ms, zones {})",
                    emulator.endpoint(), options.rateLimitPerSecond(), options.changeDelay().toMillis(),
                    emulator.store.zones().stream().map(z -> z.name() + "=" + z.id()).toList());
            return emulator;
        });
    }

    public int port() {
        return server.actualPort();
    }

    /** The endpoint to give the SDK as {@code endpointOverride} (loopback when listening on all interfaces). */
    public URI endpoint() {
        String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** Creates a hosted zone (private ones in VPC {@code vpc-emulator}) and returns its id, e.g. {@code Z0A1...}. */
    public String createZone(String name, boolean privateZone) {
        return store.createZone(name, "emulator-" + UUID.randomUUID(), null, privateZone,
                privateZone ? List.of(DEFAULT_VPC) : List.of()).zone().id();
    }

    /** Id of the first zone with this name (trailing dot optional), or null. */
    public String zoneId(String name) {
        String canonical = (name.endsWith(".") ? name : name + ".").toLowerCase(Locale.ROOT);
        return store.zones().stream().filter(z -> z.name().equals(canonical)).map(ZoneInfo::id).findFirst().orElse(null);
    }

    /** Every record set of a zone in Route 53's list order (names canonical: lower case, trailing dot). */
    public List<RecordSet> records(String zoneId) {
        return store.records(zoneId);
    }

    public List<ZoneInfo> zones() {
        return store.zones();
    }

    /** Applies a change batch in-process, with exactly the checks ChangeResourceRecordSets makes. */
    public ChangeInfo change(String zoneId, List<ChangeRequest> changes) {
        return store.changeRecords(zoneId, changes, null);
    }

    public EmulatorCounters counters() {
        return counters;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** The account's token bucket; {@code throttle().configure(0, 0)} turns throttling off. */
    public TokenBucket throttle() {
        return bucket;
    }

    public ZoneStore store() {
        return store;
    }

    public Route53EmulatorOptions options() {
        return options;
    }

    /**
     * Back to the start: zones and changes dropped (the initial zones created anew, with new ids),
     * counters cleared, faults, throttling and change settings as in the options.
     */
    public void reset() {
        store.clear();
        counters.reset();
        faults.set(options.faults());
        bucket.configure(options.rateLimitPerSecond(), options.burst());
        store.changeDelay(options.changeDelay());
        store.priorRequestCheck(options.priorRequestCheck());
        createInitialZones();
    }

    /** Stops listening (and closes the Vert.x instance if {@link #startBlocking} made it). */
    public Future<Void> close() {
        // closing the own Vert.x closes the server too; chaining it after server.close() would run
        // vertx.close() on the event loop being closed and never complete
        return ownsVertx ? vertx.close() : server.close();
    }

    private void createInitialZones() {
        for (Route53EmulatorOptions.ZoneSpec zone : options.zones()) {
            createZone(zone.name(), zone.privateZone());
        }
    }
}
