package ai.aleff.audit.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.http.HttpLimitsContract;

/**
 * Bad input on audit-service: its only endpoint (GET /v1/audit) takes no JSON body, so there is no duplicate-key case beyond the codec's (StrictJsonTest).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class BadInputIT extends HttpLimitsContract {
}
