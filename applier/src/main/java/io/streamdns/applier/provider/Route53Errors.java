package io.streamdns.applier.provider;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;

/** SDK exceptions → {@link ProviderException} kinds. */
public final class Route53Errors {
    private Route53Errors() {
    }

    public static ProviderException classify(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ProviderException pe) {
            return pe;
        }
        if (e instanceof InvalidChangeBatchException icb) {
            List<String> messages = icb.messages() == null || icb.messages().isEmpty()
                    ? List.of(errorMessage(icb)) : icb.messages();
            return new ProviderException(ProviderException.Kind.REJECTED, "InvalidChangeBatch", String.join("; ", messages),
                    messages, e);
        }
        if (e instanceof InvalidInputException ii) {
            return new ProviderException(ProviderException.Kind.REJECTED, "InvalidInput", errorMessage(ii), List.of(), e);
        }
        if (e instanceof PriorRequestNotCompleteException p) {
            return new ProviderException(ProviderException.Kind.BUSY, "PriorRequestNotComplete", errorMessage(p), List.of(), e);
        }
        if (e instanceof NoSuchHostedZoneException n) {
            return new ProviderException(ProviderException.Kind.NOT_FOUND, "NoSuchHostedZone", errorMessage(n), List.of(), e);
        }
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? "" : String.valueOf(ase.awsErrorDetails().errorCode());
            if (ase.isThrottlingException() || code.startsWith("Throttl") || code.equals("RequestLimitExceeded")
                    || ase.statusCode() == 429) {
                return new ProviderException(ProviderException.Kind.THROTTLED, code.isEmpty() ? "Throttling" : code,
                        errorMessage(ase), List.of(), e);
            }
            if (ase.statusCode() >= 500) {
                return new ProviderException(ProviderException.Kind.TRANSIENT, code.isEmpty() ? "HTTP " + ase.statusCode() : code,
                        errorMessage(ase), List.of(), e);
            }
            return new ProviderException(ProviderException.Kind.FATAL, code.isEmpty() ? "HTTP " + ase.statusCode() : code,
                    errorMessage(ase), List.of(), e);
        }
        if (e instanceof SdkClientException) {
            // timeouts, refused connections, unreadable responses
            return new ProviderException(ProviderException.Kind.TRANSIENT, e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()), List.of(), e);
        }
        if (e instanceof IOException || e instanceof TimeoutException) {
            return new ProviderException(ProviderException.Kind.TRANSIENT, e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()), List.of(), e);
        }
        return new ProviderException(ProviderException.Kind.FATAL, e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                List.of(), e);
    }

    private static String errorMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
