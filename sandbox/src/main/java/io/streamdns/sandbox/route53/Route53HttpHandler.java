package io.streamdns.sandbox.route53;

import io.streamdns.sandbox.route53.store.ChangeInfo;
import io.streamdns.sandbox.route53.store.Route53Error;
import io.streamdns.sandbox.route53.store.ZoneStore;
import io.streamdns.sandbox.route53.xml.XmlRequests;
import io.streamdns.sandbox.route53.xml.XmlResponses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route 53's REST-XML API (2013-04-01) over a {@link ZoneStore}. Every request passes, in order:
 * authentication (an {@code Authorization} header must be there), added latency, outage, the account's
 * token bucket ({@code Throttling}), injected 500/503 errors, then the operation. {@code /_emulator/...}
 * goes to the admin handler and skips all of that.
 */
final class Route53HttpHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(Route53HttpHandler.class);
    private static final String PREFIX = "/2013-04-01/";
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final Vertx vertx;
    private final ZoneStore store;
    private final TokenBucket bucket;
    private final FaultInjector faults;
    private final EmulatorCounters counters;
    private final Handler<HttpServerRequest> admin;

    Route53HttpHandler(Vertx vertx, ZoneStore store, TokenBucket bucket, FaultInjector faults,
                       EmulatorCounters counters, Handler<HttpServerRequest> admin) {
        this.vertx = vertx;
        this.store = store;
        this.bucket = bucket;
        this.faults = faults;
        this.counters = counters;
        this.admin = admin;
    }

    /** An answer: status, XML body, and an optional Location header. */
    private record Reply(int status, String xml, String location) {
        static Reply ok(String xml) {
            return new Reply(200, xml, null);
        }
    }

    /** The operation a request names and the resource id in its path (decoded, prefix stripped). */
    private record Route(String operation, String id) {
    }

    @Override
    public void handle(HttpServerRequest req) {
        if (req.path().startsWith("/_emulator")) {
            admin.handle(req);
            return;
        }
        Route route = route(req.method(), req.path());
        String length = req.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 18
                && Long.parseLong(length) > MAX_BODY) {
            // refuse before buffering it
            counters.record(route.operation(), Route53Error.INVALID_INPUT);
            sendError(req, Route53Error.invalidInput("Invalid request: the body is larger than " + MAX_BODY
                    + " bytes"), UUID.randomUUID().toString());
            return;
        }
        req.body().onComplete(ar -> {
            if (ar.failed()) {
                return; // connection gone
            }
            long latency = faults.settings().latencyMs();
            if (latency > 0) {
                vertx.setTimer(latency, t -> serve(req, route, ar.result()));
            } else {
                serve(req, route, ar.result());
            }
        });
    }

    private void serve(HttpServerRequest req, Route route, Buffer body) {
        String requestId = UUID.randomUUID().toString();
        try {
            authenticate(req);
            FaultSettings f = faults.settings();
            if (f.outage()) {
                if (f.outageMode() == FaultSettings.OutageMode.RESET) {
                    counters.record(route.operation(), "ConnectionReset");
                    req.connection().close();
                    return;
                }
                throw Route53Error.serviceUnavailable();
            }
            if (!bucket.tryAcquire()) {
                throw Route53Error.throttling();
            }
            Route53Error injected = faults.draw();
            if (injected != null) {
                throw injected;
            }
            Reply reply = dispatch(req, route, body.getBytes());
            counters.record(route.operation(), EmulatorCounters.OK);
            var response = req.response().setStatusCode(reply.status()).putHeader("Content-Type", "text/xml")
                    .putHeader("x-amzn-RequestId", requestId);
            if (reply.location() != null) {
                response.putHeader("Location", reply.location());
            }
            response.end(reply.xml());
        } catch (Route53Error e) {
            counters.record(route.operation(), e.code());
            sendError(req, e, requestId);
        } catch (RuntimeException e) {
            LOG.error("route53 emulator failed on {} {}", req.method(), req.path(), e);
            counters.record(route.operation(), Route53Error.INTERNAL_FAILURE);
            sendError(req, Route53Error.internalFailure(), requestId);
        }
    }

    private static void sendError(HttpServerRequest req, Route53Error e, String requestId) {
        req.response().setStatusCode(e.status()).putHeader("Content-Type", "text/xml")
                .putHeader("x-amzn-RequestId", requestId).end(XmlResponses.error(e, requestId));
    }

    private static void authenticate(HttpServerRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth == null || auth.isBlank()) {
            throw Route53Error.missingAuthenticationToken();
        }
        if (!auth.startsWith("AWS4-HMAC-SHA256 ") || !auth.contains("Credential=") || !auth.contains("Signature=")) {
            throw Route53Error.sender(403, Route53Error.INCOMPLETE_SIGNATURE,
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }
    }

    private Reply dispatch(HttpServerRequest req, Route route, byte[] body) {
        String id = route.id();
        return switch (route.operation()) {
            case "CreateHostedZone" -> createZone(req, body);
            case "GetHostedZone" -> Reply.ok(XmlResponses.getZone(store.zone(id)));
            case "DeleteHostedZone" -> Reply.ok(XmlResponses.changeResponse("DeleteHostedZoneResponse",
                    store.deleteZone(id)));
            case "ListHostedZones" -> Reply.ok(XmlResponses.listZones(store.listZones(req.getParam("marker"),
                    maxItems(req, ZoneStore.MAX_ZONE_ITEMS), zoneType(req.getParam("hostedzonetype")))));
            case "ListHostedZonesByName" -> Reply.ok(XmlResponses.listZonesByName(store.listZonesByName(
                    req.getParam("dnsname"), req.getParam("hostedzoneid"), maxItems(req, ZoneStore.MAX_ZONE_ITEMS))));
            case "GetHostedZoneCount" -> Reply.ok(XmlResponses.zoneCount(store.zones().size()));
            case "ListResourceRecordSets" -> Reply.ok(XmlResponses.listRecords(store.listRecords(id,
                    req.getParam("name"), req.getParam("type"), req.getParam("identifier"),
                    maxItems(req, ZoneStore.MAX_RECORD_ITEMS))));
            case "ChangeResourceRecordSets" -> {
                XmlRequests.ChangeBatch batch = XmlRequests.changeBatch(body);
                ChangeInfo info = store.changeRecords(id, batch.changes(), batch.comment());
                yield Reply.ok(XmlResponses.changeResponse("ChangeResourceRecordSetsResponse", info));
            }
            case "GetChange" -> Reply.ok(XmlResponses.changeResponse("GetChangeResponse", store.change(id)));
            case "ListTagsForResources" -> {
                Map<String, Map<String, String>> tags = new LinkedHashMap<>();
                for (String zoneId : XmlRequests.resourceIds(body)) {
                    tags.put(zoneId, store.tags(zoneId));
                }
                yield Reply.ok(XmlResponses.listTags(tags));
            }
            case "ListTagsForResource" -> Reply.ok(XmlResponses.listTags(id, store.tags(id)));
            case "ChangeTagsForResource" -> {
                XmlRequests.ChangeTags change = XmlRequests.changeTags(body);
                store.changeTags(id, change.add(), change.removeKeys());
                yield Reply.ok(XmlResponses.empty("ChangeTagsForResourceResponse"));
            }
            default -> throw Route53Error.sender(400, Route53Error.INVALID_ACTION,
                    "The action or operation requested is invalid: " + req.method() + " " + req.path());
        };
    }

    private Reply createZone(HttpServerRequest req, byte[] body) {
        XmlRequests.CreateZone create = XmlRequests.createZone(body);
        var created = store.createZone(create.name(), create.callerReference(), create.comment(),
                create.privateZone(), create.vpcs());
        String location = "http://" + req.authority() + PREFIX + "hostedzone/" + created.zone().id();
        return new Reply(201, XmlResponses.createZone(created), location);
    }

    private static Boolean zoneType(String type) {
        if (type == null) {
            return null;
        }
        if (type.equals("PrivateHostedZone")) {
            return true;
        }
        throw Route53Error.invalidInput("Invalid request: hostedzonetype must be PrivateHostedZone");
    }

    private static int maxItems(HttpServerRequest req, int dflt) {
        String v = req.getParam("maxitems");
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw Route53Error.invalidInput("Invalid request: maxitems '" + v + "' is not a number");
        }
    }

    /** Maps method and path to the operation; unknown paths give operation "Unknown". */
    static Route route(HttpMethod method, String path) {
        if (!path.startsWith(PREFIX)) {
            return new Route("Unknown", null);
        }
        List<String> seg = new ArrayList<>();
        for (String s : path.substring(PREFIX.length()).split("/")) {
            if (!s.isEmpty()) {
                seg.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        String m = method.name();
        int n = seg.size();
        String first = n > 0 ? seg.get(0) : "";
        String op = switch (first) {
            case "hostedzone" -> switch (n) {
                case 1 -> m.equals("POST") ? "CreateHostedZone" : m.equals("GET") ? "ListHostedZones" : null;
                case 2 -> m.equals("GET") ? "GetHostedZone" : m.equals("DELETE") ? "DeleteHostedZone" : null;
                case 3 -> !seg.get(2).equals("rrset") ? null
                        : m.equals("GET") ? "ListResourceRecordSets" : m.equals("POST") ? "ChangeResourceRecordSets" : null;
                default -> null;
            };
            case "hostedzonesbyname" -> n == 1 && m.equals("GET") ? "ListHostedZonesByName" : null;
            case "hostedzonecount" -> n == 1 && m.equals("GET") ? "GetHostedZoneCount" : null;
            case "change" -> n == 2 && m.equals("GET") ? "GetChange" : null;
            case "tags" -> n < 2 || !seg.get(1).equals("hostedzone") ? null
                    : n == 2 && m.equals("POST") ? "ListTagsForResources"
                    : n == 3 && m.equals("GET") ? "ListTagsForResource"
                    : n == 3 && m.equals("POST") ? "ChangeTagsForResource" : null;
            default -> null;
        };
        String id = first.equals("tags") ? (n == 3 ? seg.get(2) : null) : (n >= 2 ? seg.get(1) : null);
        return new Route(op == null ? "Unknown" : op, stripPrefix(id));
    }

    private static String stripPrefix(String id) {
        if (id == null) {
            return null;
        }
        for (String p : List.of("/hostedzone/", "hostedzone/", "/change/", "change/")) {
            if (id.startsWith(p)) {
                return id.substring(p.length());
            }
        }
        return id;
    }
}
