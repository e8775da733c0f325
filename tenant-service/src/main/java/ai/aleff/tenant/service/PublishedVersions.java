package ai.aleff.tenant.service;

import java.util.Map;

/**
 * The versions tenant-service's compacted topics hold now, per record key (tenant id, connection id). Blocking: the
 * implementation reads Kafka.
 */
public interface PublishedVersions {

    /** The highest configuration version per tenant id on the tenant configuration topic. */
    Map<String, Long> tenants();

    /** The highest version per connection id on the channel connection topic. */
    Map<String, Long> channelConnections();
}
