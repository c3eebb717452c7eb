package io.streamdns.applier.provider;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;

/** The subset of Route 53 streamdns uses (as external-dns's {@code Route53API}); a seam for tests. */
public interface Route53Api {
    CompletableFuture<ListHostedZonesResponse> listHostedZones(ListHostedZonesRequest request);

    CompletableFuture<ListResourceRecordSetsResponse> listResourceRecordSets(ListResourceRecordSetsRequest request);

    CompletableFuture<ChangeResourceRecordSetsResponse> changeResourceRecordSets(ChangeResourceRecordSetsRequest request);

    /** Tags of up to 10 hosted zones (for {@code --aws-zone-tags}). */
    default CompletableFuture<software.amazon.awssdk.services.route53.model.ListTagsForResourcesResponse> listTagsForResources(
            software.amazon.awssdk.services.route53.model.ListTagsForResourcesRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("ListTagsForResources"));
    }

    static Route53Api of(Route53AsyncClient client) {
        return new Route53Api() {
            @Override
            public CompletableFuture<ListHostedZonesResponse> listHostedZones(ListHostedZonesRequest request) {
                return client.listHostedZones(request);
            }

            @Override
            public CompletableFuture<ListResourceRecordSetsResponse> listResourceRecordSets(ListResourceRecordSetsRequest request) {
                return client.listResourceRecordSets(request);
            }

            @Override
            public CompletableFuture<software.amazon.awssdk.services.route53.model.ListTagsForResourcesResponse> listTagsForResources(
                    software.amazon.awssdk.services.route53.model.ListTagsForResourcesRequest request) {
                return client.listTagsForResources(request);
            }

            @Override
            public CompletableFuture<ChangeResourceRecordSetsResponse> changeResourceRecordSets(ChangeResourceRecordSetsRequest request) {
                return client.changeResourceRecordSets(request);
            }
        };
    }
}
