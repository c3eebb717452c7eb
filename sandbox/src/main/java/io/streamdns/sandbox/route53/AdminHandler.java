package io.streamdns.sandbox.route53;

import io.streamdns.sandbox.route53.store.RecordSet;
import io.streamdns.sandbox.route53.store.Route53Error;
import io.streamdns.sandbox.route53.store.ZoneInfo;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * The emulator's own JSON API under {@code /_emulator}: counters, a dump of every zone, zone creation,
 * faults, throttling and reset. No authentication, throttling or faults apply here.
 */
final class AdminHandler implements Handler<HttpServerRequest> {
    private final Route53Emulator emulator;

    AdminHandler(Route53Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            try {
                JsonObject in = body.length() == 0 ? new JsonObject() : new JsonObject(body);
                reply(req, 200, serve(req.method(), req.path(), in));
            } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
                reply(req, 400, new JsonObject().put("error", String.valueOf(e.getMessage())));
            } catch (Route53Error e) {
                reply(req, e.status(), new JsonObject().put("error", e.code()).put("message", e.getMessage()));
            } catch (NotFound e) {
                reply(req, 404, new JsonObject().put("error", "no such admin path: " + req.method() + " " + req.path())
                        .put("paths", paths()));
            }
        });
    }

    private Object serve(HttpMethod method, String path, JsonObject in) {
        boolean read = method == HttpMethod.GET;
        boolean write = method == HttpMethod.POST || method == HttpMethod.PUT;
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "/_emulator" -> {
                return new JsonObject().put("paths", paths());
            }
            case "/_emulator/counters" -> {
                if (read) {
                    return new JsonObject(new LinkedHashMap<>(emulator.counters().snapshot()));
                }
                if (method == HttpMethod.DELETE) {
                    emulator.counters().reset();
                    return new JsonObject().put("counters", "reset");
                }
            }
            case "/_emulator/zones" -> {
                if (read) {
                    return zones();
                }
                if (write) {
                    String id = emulator.createZone(in.getString("name"), in.getBoolean("private", false));
                    return new JsonObject().put("id", id).put("name", emulator.store().zone(id).name());
                }
            }
            case "/_emulator/faults" -> {
                if (write) {
                    emulator.faults().set(faults(emulator.faults().settings(), in));
                }
                if (read || write) {
                    return json(emulator.faults().settings());
                }
            }
            case "/_emulator/throttle" -> {
                TokenBucket bucket = emulator.throttle();
                if (write) {
                    bucket.configure(in.getDouble("ratePerSecond", bucket.ratePerSecond()), in.getInteger("burst", 0));
                }
                if (read || write) {
                    return new JsonObject().put("ratePerSecond", bucket.ratePerSecond()).put("burst", bucket.burst());
                }
            }
            case "/_emulator/changes" -> {
                var store = emulator.store();
                if (write) {
                    long delay = in.getLong("delayMs", store.changeDelay().toMillis());
                    if (delay < 0) {
                        throw new IllegalArgumentException("delayMs must not be negative: " + delay);
                    }
                    store.changeDelay(Duration.ofMillis(delay));
                    store.priorRequestCheck(in.getBoolean("priorRequestNotComplete", store.priorRequestCheck()));
                }
                if (read || write) {
                    return new JsonObject().put("delayMs", store.changeDelay().toMillis())
                            .put("priorRequestNotComplete", store.priorRequestCheck());
                }
            }
            case "/_emulator/reset" -> {
                if (write) {
                    emulator.reset();
                    return new JsonObject().put("reset", true).put("zones", zones());
                }
            }
            default -> {
            }
        }
        throw new NotFound();
    }

    private JsonArray zones() {
        JsonArray zones = new JsonArray();
        for (ZoneInfo z : emulator.store().zones()) {
            JsonArray records = new JsonArray();
            emulator.store().records(z.id()).forEach(r -> records.add(json(r)));
            zones.add(new JsonObject().put("id", z.id()).put("name", z.name()).put("private", z.privateZone())
                    .put("recordSetCount", z.recordSetCount()).put("tags", new JsonObject(new HashMap<>(z.tags())))
                    .put("records", records));
        }
        return zones;
    }

    static JsonObject json(RecordSet r) {
        JsonObject o = new JsonObject().put("name", r.name()).put("type", r.type());
        putIfSet(o, "setIdentifier", r.setIdentifier());
        putIfSet(o, "weight", r.weight());
        putIfSet(o, "region", r.region());
        putIfSet(o, "failover", r.failover());
        putIfSet(o, "multiValueAnswer", r.multiValueAnswer());
        if (r.geoLocation() != null) {
            JsonObject geo = new JsonObject();
            putIfSet(geo, "continentCode", r.geoLocation().continentCode());
            putIfSet(geo, "countryCode", r.geoLocation().countryCode());
            putIfSet(geo, "subdivisionCode", r.geoLocation().subdivisionCode());
            o.put("geoLocation", geo);
        }
        if (r.geoProximity() != null) {
            JsonObject geo = new JsonObject();
            putIfSet(geo, "awsRegion", r.geoProximity().awsRegion());
            putIfSet(geo, "localZoneGroup", r.geoProximity().localZoneGroup());
            putIfSet(geo, "latitude", r.geoProximity().latitude());
            putIfSet(geo, "longitude", r.geoProximity().longitude());
            putIfSet(geo, "bias", r.geoProximity().bias());
            o.put("geoProximityLocation", geo);
        }
        putIfSet(o, "ttl", r.ttl());
        if (r.values() != null) {
            o.put("values", new JsonArray(r.values()));
        }
        if (r.alias() != null) {
            o.put("alias", new JsonObject().put("hostedZoneId", r.alias().hostedZoneId())
                    .put("dnsName", r.alias().dnsName()).put("evaluateTargetHealth", r.alias().evaluateTargetHealth()));
        }
        putIfSet(o, "healthCheckId", r.healthCheckId());
        return o;
    }

    static JsonObject json(FaultSettings f) {
        return new JsonObject().put("internalErrorRate", f.internalErrorRate()).put("unavailableRate", f.unavailableRate())
                .put("latencyMs", f.latencyMs()).put("outage", f.outage()).put("outageMode", f.outageMode().name());
    }

    /** The current settings with the fields given in the JSON body changed. */
    static FaultSettings faults(FaultSettings f, JsonObject in) {
        String mode = in.getString("outageMode", f.outageMode().name());
        return new FaultSettings(in.getDouble("internalErrorRate", f.internalErrorRate()),
                in.getDouble("unavailableRate", f.unavailableRate()), in.getLong("latencyMs", f.latencyMs()),
                in.getBoolean("outage", f.outage()), FaultSettings.OutageMode.valueOf(mode.toUpperCase(Locale.ROOT)));
    }

    private static JsonArray paths() {
        return new JsonArray().add("GET /_emulator/counters").add("DELETE /_emulator/counters")
                .add("GET /_emulator/zones").add("POST /_emulator/zones {name, private}")
                .add("GET|PUT /_emulator/faults {internalErrorRate, unavailableRate, latencyMs, outage, outageMode}")
                .add("GET|PUT /_emulator/throttle {ratePerSecond, burst}")
                .add("GET|PUT /_emulator/changes {delayMs, priorRequestNotComplete}").add("POST /_emulator/reset");
    }

    private static void putIfSet(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void reply(HttpServerRequest req, int status, Object body) {
        String text = body instanceof JsonObject o ? o.encodePrettily() : ((JsonArray) body).encodePrettily();
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text + "\n");
    }

    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
