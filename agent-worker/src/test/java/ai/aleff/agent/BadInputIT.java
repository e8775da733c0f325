package ai.aleff.agent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.http.HttpLimitsContract;

/**
 * Bad input on agent-worker: no endpoint takes a JSON body (health only); duplicate keys in its events are malformed events (StrictJsonTest).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class BadInputIT extends HttpLimitsContract {
}
