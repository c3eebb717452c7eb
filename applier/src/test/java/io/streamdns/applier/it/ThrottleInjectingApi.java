package io.streamdns.applier.it;

import io.streamdns.applier.provider.Route53Api;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ThrottlingException;

/**
 * Answers a share of ChangeResourceRecordSets calls with the SDK's own {@code Throttling} exception, on top of the
 * emulator's real 5 requests/s bucket (the emulator has no random-throttle fault of its own).
 */
final class ThrottleInjectingApi extends ChangeInterceptingApi {
    private final double rate;
    private final Random random = new Random(42);
    final AtomicInteger injected = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    ThrottleInjectingApi(Route53Api delegate, double rate) {
        super(delegate);
        this.rate = rate;
    }

    @Override
    public CompletableFuture<ChangeResourceRecordSetsResponse> changeResourceRecordSets(ChangeResourceRecordSetsRequest request) {
        calls.incrementAndGet();
        boolean throttle;
        synchronized (random) {
            throttle = random.nextDouble() < rate;
        }
        if (throttle) {
            injected.incrementAndGet();
            return CompletableFuture.failedFuture(ThrottlingException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded")
                            .serviceName("Route53").build()).build());
        }
        return delegate.changeResourceRecordSets(request);
    }
}
