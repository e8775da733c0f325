package ai.aleff.tenant.service;

/**
 * What one republication pass published.
 *
 * @param tenants tenants whose configuration was published again (deleted ones too: consumers erase them)
 * @param channelConnections channel connections published again
 * @param versionsRaised tenants and connections whose version was raised above a newer one already on Kafka (a
 *        change made after the restored backup), so consumers take the republished state
 * @param failed tenants that could not be published (their transaction rolled back; the service log names them);
 *        run the pass again once the cause is fixed
 */
public record TenantRepublicationReport(int tenants, int channelConnections, int versionsRaised, int failed) {
}
