package io.streamdns.applier.it;

import io.streamdns.applier.provider.Route53Api;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;

/** Route 53 as it is, except for what a test does to ChangeResourceRecordSets (faults, holding answers back). */
abstract class ChangeInterceptingApi implements Route53Api {
    protected final Route53Api delegate;

    ChangeInterceptingApi(Route53Api delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<ListHostedZonesResponse> listHostedZones(ListHostedZonesRequest request) {
        return delegate.listHostedZones(request);
    }

    @Override
    public CompletableFuture<ListResourceRecordSetsResponse> listResourceRecordSets(ListResourceRecordSetsRequest request) {
        return delegate.listResourceRecordSets(request);
    }
}
