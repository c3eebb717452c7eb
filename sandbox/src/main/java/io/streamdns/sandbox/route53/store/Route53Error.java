package io.streamdns.sandbox.route53.store;

import java.util.List;

/**
 * An error as Route 53 answers it: HTTP status, error type (Sender/Receiver), code and message. An
 * {@code InvalidChangeBatch} also carries its individual messages; its message is their bracketed list,
 * as Route 53 formats it (e.g. {@code [Tried to create ... but it already exists]}).
 */
public final class Route53Error extends RuntimeException {
    public static final String INVALID_INPUT = "InvalidInput";
    public static final String INVALID_CHANGE_BATCH = "InvalidChangeBatch";
    public static final String NO_SUCH_HOSTED_ZONE = "NoSuchHostedZone";
    public static final String NO_SUCH_CHANGE = "NoSuchChange";
    public static final String HOSTED_ZONE_NOT_EMPTY = "HostedZoneNotEmpty";
    public static final String HOSTED_ZONE_ALREADY_EXISTS = "HostedZoneAlreadyExists";
    public static final String CONFLICTING_DOMAIN_EXISTS = "ConflictingDomainExists";
    public static final String INVALID_DOMAIN_NAME = "InvalidDomainName";
    public static final String INVALID_VPC_ID = "InvalidVPCId";
    public static final String THROTTLING = "Throttling";
    public static final String PRIOR_REQUEST_NOT_COMPLETE = "PriorRequestNotComplete";
    public static final String INTERNAL_FAILURE = "InternalFailure";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken";
    public static final String INCOMPLETE_SIGNATURE = "IncompleteSignature";
    public static final String INVALID_ACTION = "InvalidAction";

    private final int status;
    private final String code;
    private final boolean receiver;
    private final List<String> messages;

    private Route53Error(int status, String code, String message, boolean receiver, List<String> messages) {
        super(message, null, false, false); // no stack trace: these are answers, not bugs
        this.status = status;
        this.code = code;
        this.receiver = receiver;
        this.messages = List.copyOf(messages);
    }

    public static Route53Error sender(int status, String code, String message) {
        return new Route53Error(status, code, message, false, List.of());
    }

    public static Route53Error invalidInput(String message) {
        return sender(400, INVALID_INPUT, message);
    }

    public static Route53Error invalidChangeBatch(List<String> messages) {
        return new Route53Error(400, INVALID_CHANGE_BATCH, messages.toString(), false, messages);
    }

    public static Route53Error noSuchHostedZone(String id) {
        return sender(404, NO_SUCH_HOSTED_ZONE, "No hosted zone found with ID: " + id);
    }

    public static Route53Error noSuchChange(String id) {
        return sender(404, NO_SUCH_CHANGE, "A change with the specified change ID does not exist.");
    }

    public static Route53Error hostedZoneNotEmpty() {
        return sender(400, HOSTED_ZONE_NOT_EMPTY,
                "The hosted zone contains resource records that are not SOA or NS records.");
    }

    public static Route53Error hostedZoneAlreadyExists(String callerReference) {
        return sender(409, HOSTED_ZONE_ALREADY_EXISTS,
                "A hosted zone has already been created with the specified caller reference.");
    }

    public static Route53Error throttling() {
        return sender(400, THROTTLING, "Rate exceeded");
    }

    public static Route53Error priorRequestNotComplete() {
        return sender(400, PRIOR_REQUEST_NOT_COMPLETE,
                "The request was rejected because Route 53 was still processing a prior request.");
    }

    public static Route53Error internalFailure() {
        return new Route53Error(500, INTERNAL_FAILURE,
                "The request processing has failed because of an unknown error, exception or failure.", true, List.of());
    }

    public static Route53Error serviceUnavailable() {
        return new Route53Error(503, SERVICE_UNAVAILABLE,
                "The request has failed due to a temporary failure of the server.", true, List.of());
    }

    public static Route53Error missingAuthenticationToken() {
        return sender(403, MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** "Receiver" for server-side failures (5xx), else "Sender". */
    public String type() {
        return receiver ? "Receiver" : "Sender";
    }

    /** The individual messages of an InvalidChangeBatch; empty for other errors. */
    public List<String> messages() {
        return messages;
    }
}
