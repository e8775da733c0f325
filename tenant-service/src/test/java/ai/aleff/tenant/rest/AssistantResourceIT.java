package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.AdminApi.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AssistantResourceIT {

    private static final String KEY = "sk-test-0123456789abcdWXYZ";
    private static final String CHAIN = """
            {"instructions": "Be brief.",
             "models": [
               {"provider": "openai", "model": "gpt-4o-mini", "apiKey": "%s"},
               {"provider": "ollama", "model": "llama3.1:8b", "baseUrl": "http://127.0.0.1:11434"}],
             "tools": ["time_now", "calculator"],
             "subagents": [{"name": "researcher", "description": "Looks things up.", "tools": ["time_now"]}],
             "skills": [{"name": "refunds", "description": "Refund questions.", "content": "# Refunds"}],
             "maxToolIterations": 8, "historyTokenBudget": 8000}""".formatted(KEY);

    @Test
    void aTenantThatNeverSetOneHasThePlatformDefaultsAtVersion0() {
        String tenant = newTenant();

        admin().get(assistant(tenant))
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("version", equalTo(0))
                .body("models", equalTo(List.of()))
                .body("instructions", nullValue());
        admin().get(assistant(tenant) + "/versions").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void putThenGetShowsTheConfigurationWithKeysMaskedAndTheVersionAsETag() {
        // Given a tenant
        String tenant = newTenant();

        // When an admin sets a model chain with a key, instructions, tools, a subagent and a skill
        String putBody = put(tenant, CHAIN).statusCode(200)
                .contentType("application/json")
                .header("ETag", "\"1\"")
                .body("version", equalTo(1))
                .extract()
                .asString();

        // Then reading it back shows everything but the key, which is only masked
        String getBody = admin().get(assistant(tenant))
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("instructions", equalTo("Be brief."))
                .body("models[0].provider", equalTo("openai"))
                .body("models[0].model", equalTo("gpt-4o-mini"))
                .body("models[0].apiKeySet", equalTo(true))
                .body("models[0].apiKeyHint", equalTo("WXYZ"))
                .body("models[1].baseUrl", equalTo("http://127.0.0.1:11434"))
                .body("models[1].apiKeySet", equalTo(false))
                .body("tools", equalTo(List.of("time_now", "calculator")))
                .body("subagents[0].name", equalTo("researcher"))
                .body("skills[0].content", equalTo("# Refunds"))
                .body("maxToolIterations", equalTo(8))
                .body("historyTokenBudget", equalTo(8000))
                .extract()
                .asString();
        assertThat(putBody).doesNotContain(KEY).doesNotContain("ciphertext");
        assertThat(getBody).doesNotContain(KEY).doesNotContain("ciphertext");
        assertThat(JsonPath.from(getBody).getMap("models[0]")).containsOnlyKeys("provider", "model", "baseUrl",
                "apiKeySet", "apiKeyHint");
    }

    @Test
    void everyChangeIsANewVersionListedNewestFirstAndReadableMasked() {
        // Given two changes
        String tenant = newTenant();
        put(tenant, CHAIN).statusCode(200);
        put(tenant, "{\"instructions\": \"Second.\"}").statusCode(200).header("ETag", "\"2\"");

        // Then both versions are listed, newest first, with summaries that name models but no key
        String list = admin().get(assistant(tenant) + "/versions")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(2, 1)))
                .body("[1].summary", containsString("openai/gpt-4o-mini (own key)"))
                .body("[0].changedAt", notNullValue())
                .extract()
                .asString();
        assertThat(list).doesNotContain(KEY);
        admin().get(assistant(tenant) + "/versions?limit=1").then().statusCode(200).body("version",
                equalTo(List.of(2)));

        // And the old version is still readable, masked
        String old = admin().get(assistant(tenant) + "/versions/1")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("instructions", equalTo("Be brief."))
                .body("models[0].apiKeySet", equalTo(true))
                .extract()
                .asString();
        assertThat(old).doesNotContain(KEY);
        admin().get(assistant(tenant)).then().body("instructions", equalTo("Second.")).body("models",
                equalTo(List.of()));
    }

    @Test
    void ifMatchWithAnotherVersionIs412AndChangesNothing() {
        // Given a configuration at version 1
        String tenant = newTenant();
        put(tenant, CHAIN).statusCode(200);

        // When two admins both based their change on version 0 (or name a weak or odd tag)
        for (String tag : List.of("\"0\"", "\"2\"", "W/\"1\"", "1", "garbage")) {
            admin().contentType(ContentType.JSON)
                    .header("If-Match", tag)
                    .body("{\"instructions\": \"Lost update\"}")
                    .put(assistant(tenant))
                    .then()
                    // Then each is refused with 412
                    .statusCode(412)
                    .contentType("application/problem+json")
                    .body("detail", containsString("version 1"));
        }

        // And the configuration is still version 1
        admin().get(assistant(tenant)).then().header("ETag", "\"1\"").body("instructions", equalTo("Be brief."));

        // While the current tag (or *) is accepted
        admin().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"instructions\": \"Next\"}")
                .put(assistant(tenant))
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        admin().contentType(ContentType.JSON)
                .header("If-Match", "*")
                .body("{}")
                .put(assistant(tenant))
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
    }

    @Test
    void ifMatchZeroSetsTheFirstVersionOnlyOnce() {
        String tenant = newTenant();
        admin().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{}").put(assistant(tenant)).then()
                .statusCode(200);
        admin().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{}").put(assistant(tenant)).then()
                .statusCode(412);
    }

    @Test
    void concurrentChangesGetConsecutiveVersionsAndOnlyOneWinsTheSameIfMatch() throws Exception {
        // Given a tenant and six admins changing its assistant at the same moment, three of them without If-Match
        // and three all based on version 0
        String tenant = newTenant();
        List<CompletableFuture<Integer>> blind = new ArrayList<>();
        List<CompletableFuture<Integer>> conditional = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 3; i++) {
                String body = "{\"instructions\": \"blind " + i + "\"}";
                blind.add(CompletableFuture.supplyAsync(() -> put(tenant, body).extract().statusCode(), pool));
                conditional.add(CompletableFuture.supplyAsync(() -> admin().contentType(ContentType.JSON)
                        .header("If-Match", "\"0\"")
                        .body("{\"instructions\": \"conditional\"}")
                        .put(assistant(tenant))
                        .then()
                        .extract()
                        .statusCode(), pool));
            }
            CompletableFuture.allOf(Stream.concat(blind.stream(), conditional.stream())
                    .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        // Then every blind change is stored, at most one conditional change wins and the others get 412
        assertThat(blind).extracting(CompletableFuture::join).containsOnly(200);
        List<Integer> outcomes = conditional.stream().map(CompletableFuture::join).toList();
        // (all 412 is fine too: a blind change may land before any of them)
        assertThat(outcomes).isSubsetOf(200, 412);
        long won = outcomes.stream().filter(status -> status == 200).count();
        assertThat(won).isLessThanOrEqualTo(1);

        // And the versions are consecutive, without gaps or duplicates
        List<Integer> versions = admin().get(assistant(tenant) + "/versions").then().extract().jsonPath().getList(
                "version", Integer.class);
        assertThat(versions).hasSize(3 + (int) won);
        assertThat(versions).isSortedAccordingTo(java.util.Comparator.reverseOrder()).startsWith(versions.size())
                .endsWith(1)
                .doesNotHaveDuplicates();
    }

    @Test
    void keepApiKeyKeepsTheStoredKeyWithoutResendingIt() {
        // Given a stored key for openai/gpt-4o-mini
        String tenant = newTenant();
        put(tenant, CHAIN).statusCode(200);

        // When the chain is changed, keeping that key, with a new model in front without a key
        put(tenant, """
                {"models": [
                  {"provider": "anthropic", "model": "claude-3-5-haiku-latest"},
                  {"provider": "openai", "model": "gpt-4o-mini", "keepApiKey": true}],
                 "subagents": [{"name": "helper", "description": "d",
                   "models": [{"provider": "openai", "model": "gpt-4o-mini", "keepApiKey": true}]}]}""")
                .statusCode(200)
                // Then the kept key is still set (same hint), the new model uses the platform's key
                .body("models[0].apiKeySet", equalTo(false))
                .body("models[1].apiKeySet", equalTo(true))
                .body("models[1].apiKeyHint", equalTo("WXYZ"))
                .body("subagents[0].models[0].apiKeySet", equalTo(true));
    }

    @Test
    void keepApiKeyWithoutAStoredKeyForThatModelIs400() {
        // Given a key stored for gpt-4o-mini at the default endpoint
        String tenant = newTenant();
        put(tenant, CHAIN).statusCode(200);

        // When keeping a key for another model, or the same model at another endpoint
        put(tenant,
                """
                        {"models": [
                          {"provider": "openai", "model": "gpt-4o", "keepApiKey": true},
                          {"provider": "openai", "model": "gpt-4o-mini", "baseUrl": "https://other.example/v1", "keepApiKey": true}]}""")
                // Then both are refused by field, and nothing changed
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("models[0].keepApiKey", "models[1].keepApiKey")));
        admin().get(assistant(tenant)).then().header("ETag", "\"1\"");
    }

    @Test
    void omittingTheKeyUsesThePlatformsKey() {
        String tenant = newTenant();
        put(tenant, CHAIN).statusCode(200);
        put(tenant, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\"}]}").statusCode(200)
                .body("models[0].apiKeySet", equalTo(false))
                .body("models[0].apiKeyHint", nullValue());
    }

    @Test
    void restoringAVersionMakesItCurrentAsANewVersionWithItsKeys() {
        // Given version 1 with a key and version 2 without models
        String tenant = newTenant();
        put(tenant, CHAIN).statusCode(200);
        put(tenant, "{}").statusCode(200);

        // When version 1 is restored
        admin().header("If-Match", "\"2\"")
                .post(assistant(tenant) + "/versions/1/restore")
                .then()
                // Then it is current again as version 3, key included
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("version", equalTo(3))
                .body("instructions", equalTo("Be brief."))
                .body("models[0].apiKeyHint", equalTo("WXYZ"));
        admin().get(assistant(tenant) + "/versions").then().body("[0].summary", containsString("restored version 1"));

        // And a stale If-Match or an unknown version is refused
        admin().header("If-Match", "\"2\"").post(assistant(tenant) + "/versions/1/restore").then().statusCode(412)
                .contentType("application/problem+json");
        admin().post(assistant(tenant) + "/versions/9/restore").then().statusCode(404).contentType(
                "application/problem+json");
    }

    @Test
    void malformedBodiesAre400Problems() {
        String tenant = newTenant();
        for (String body : List.of("{\"instructions\": ", "{oops}", "[]", "\"text\"", "42", "",
                "{\"instructions\": \"a\", \"instructions\": \"b\"}")) {
            put(tenant, body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }

    @Test
    void unknownFieldsAre400ProblemsAtAnyDepth() {
        String tenant = newTenant();
        for (String body : List.of("{\"instructons\": \"typo\"}",
                "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\", \"apiKeySet\": true}]}",
                "{\"skills\": [{\"name\": \"a\", \"description\": \"d\", \"content\": \"c\", \"enabled\": true}]}",
                "{\"version\": 5}")) {
            put(tenant, body).statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("Unknown field"));
        }
    }

    @Test
    void wrongTypesAre400Problems() {
        String tenant = newTenant();
        for (String body : List.of("{\"instructions\": 5}", "{\"instructions\": true}", "{\"models\": \"openai\"}",
                "{\"models\": {\"provider\": \"openai\"}}", "{\"tools\": \"time_now\"}", "{\"tools\": [1]}",
                "{\"maxToolIterations\": \"5\"}", "{\"maxToolIterations\": 2.5}", "{\"maxToolIterations\": true}",
                "{\"historyTokenBudget\": 1e12}",
                "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\", \"keepApiKey\": \"true\"}]}",
                "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\", \"keepApiKey\": 1}]}",
                "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\", \"apiKey\": 12345}]}")) {
            put(tenant, body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }

    @Test
    void invalidValuesAre400ProblemsNamingEachField() {
        String tenant = newTenant();
        expectFieldError(tenant, "{\"models\": [{\"provider\": \"openai-ish\", \"model\": \"gpt\"}]}",
                "models[0].provider");
        expectFieldError(tenant, "{\"models\": [{\"provider\": \"openai\"}]}", "models[0].model");
        for (String url : List.of("javascript:alert(1)", "file:///etc/passwd", "http://user:pw@evil.example/v1",
                "https://sk-secret@api.openai.com/v1", "ftp://host/", "/relative")) {
            expectFieldError(tenant,
                    "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\", \"baseUrl\": \"" + url + "\"}]}",
                    "models[0].baseUrl");
        }
        // The cloud metadata address and a decimal form of loopback are refused, even with the tenant's own key
        for (String url : List.of("http://169.254.169.254/latest", "http://2130706433/v1")) {
            expectFieldError(tenant, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\", \"baseUrl\": \""
                    + url + "\", \"apiKey\": \"sk-own\"}]}", "models[0].baseUrl");
        }
        // A custom endpoint without the tenant's own key would receive the platform's key
        expectFieldError(tenant, "{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\","
                + " \"baseUrl\": \"https://my-vllm.example/v1\"}]}", "models[0].apiKey");
        expectFieldError(tenant, "{\"subagents\": [{\"name\": \"a\", \"description\": \"d\"},"
                + " {\"name\": \"a\", \"description\": \"d\"}]}", "subagents[1].name");
        expectFieldError(tenant, "{\"skills\": [{\"name\": \"Bad Name\", \"description\": \"d\", \"content\": \"c\"}]}",
                "skills[0].name");
        expectFieldError(tenant, "{\"instructions\": \"" + "x".repeat(20_001) + "\"}", "instructions");
        expectFieldError(tenant, "{\"instructions\": \"nul\\u0000byte\"}", "instructions");
        expectFieldError(tenant, "{\"models\": [" + String.join(",",
                java.util.Collections.nCopies(6, "{\"provider\": \"openai\", \"model\": \"gpt\"}")) + "]}", "models");
        expectFieldError(tenant, "{\"tools\": [\"rm_rf\"]}", "tools[0]");
        expectFieldError(tenant, "{\"tools\": [\"time_now\"], \"subagents\": [{\"name\": \"a\", \"description\": \"d\","
                + " \"tools\": [\"calculator\"]}]}", "subagents[0].tools[0]");
        expectFieldError(tenant, "{\"maxToolIterations\": 51}", "maxToolIterations");
        expectFieldError(tenant, "{\"historyTokenBudget\": 100}", "historyTokenBudget");

        // And none of them created a version
        admin().get(assistant(tenant)).then().header("ETag", "\"0\"");
    }

    @Test
    void aTranscriptionModelIsShownMaskedKeptRestoredAndValidatedLikeTheChain() {
        // Given a tenant that sets a transcription model with its own key
        String tenant = newTenant();
        String transcription = "{\"transcription\": {\"baseUrl\": \"https://api.openai.com/v1\", \"model\": \"whisper-1\","
                + " \"apiKey\": \"" + KEY + "\"}}";
        String body = put(tenant, transcription).statusCode(200)
                .header("ETag", "\"1\"")
                // Then it is shown with the key masked to a hint
                .body("transcription.baseUrl", equalTo("https://api.openai.com/v1"))
                .body("transcription.model", equalTo("whisper-1"))
                .body("transcription.apiKeySet", equalTo(true))
                .body("transcription.apiKeyHint", equalTo("WXYZ"))
                .extract()
                .asString();
        assertThat(body).doesNotContain(KEY).doesNotContain("ciphertext");
        admin().get(assistant(tenant) + "/versions").then().body("[0].summary",
                containsString("transcription whisper-1 (own key)"));

        // When the key is kept for the same endpoint and model, it stays; for another endpoint it is refused
        put(tenant, "{\"transcription\": {\"baseUrl\": \"https://api.openai.com/v1\", \"model\": \"whisper-1\","
                + " \"keepApiKey\": true}}").statusCode(200)
                .header("ETag", "\"2\"")
                .body("transcription.apiKeyHint", equalTo("WXYZ"));
        expectFieldError(tenant, "{\"transcription\": {\"baseUrl\": \"https://other.example/v1\","
                + " \"model\": \"whisper-1\", \"keepApiKey\": true}}", "transcription.keepApiKey");

        // And removing it, then restoring version 2, brings it back with its key
        put(tenant, "{}").statusCode(200).body("transcription", nullValue());
        admin().post(assistant(tenant) + "/versions/2/restore").then().statusCode(200)
                .body("transcription.model", equalTo("whisper-1"))
                .body("transcription.apiKeyHint", equalTo("WXYZ"));

        // And bad input is a 400 naming the field, never echoing the key, changing nothing
        for (String url : List.of("javascript:alert(1)", "http://user:pw@evil.example/v1",
                "http://169.254.169.254/latest", "http://2130706433/v1", "/relative")) {
            expectFieldError(tenant, "{\"transcription\": {\"baseUrl\": \"" + url + "\", \"model\": \"whisper-1\","
                    + " \"apiKey\": \"" + KEY + "\"}}", "transcription.baseUrl");
        }
        expectFieldError(tenant, "{\"transcription\": {\"model\": \"whisper-1\"}}", "transcription.baseUrl");
        expectFieldError(tenant,
                "{\"transcription\": {\"baseUrl\": \"https://api.openai.com/v1\", \"model\": \"-x y\"}}",
                "transcription.model");
        expectFieldError(tenant, "{\"transcription\": {\"baseUrl\": \"https://api.openai.com/v1\", \"model\": \"w\","
                + " \"apiKey\": \"has space\"}}", "transcription.apiKey");
        put(tenant, "{\"transcription\": {\"baseUrl\": \"https://api.openai.com/v1\", \"model\": \"w\","
                + " \"apiKey\": \"" + KEY + "\", \"keepApiKey\": true}}").statusCode(400)
                .body("errors.field", hasItem("transcription.apiKey"))
                .body(not(containsString(KEY)));
        put(tenant, "{\"transcription\": {\"baseUrl\": \"https://api.openai.com/v1\", \"model\": \"w\", \"voice\": 1}}")
                .statusCode(400).contentType("application/problem+json");
        admin().get(assistant(tenant)).then().header("ETag", "\"4\"");
    }

    @Test
    void anInvalidRequestNeverEchoesTheKey() {
        String tenant = newTenant();
        put(tenant, "{\"models\": [{\"provider\": \"nope\", \"model\": \"gpt\", \"apiKey\": \"" + KEY + "\"}]}")
                .statusCode(400)
                .body(not(containsString(KEY)));
    }

    @Test
    void aConfigurationTooLargeForOneEventIs400AndABodyOverTheLimitIs413() {
        // Given skills each within their limit that together exceed what one configuration event may carry
        String tenant = newTenant();
        String skill = "{\"name\": \"s%d\", \"description\": \"d\", \"content\": \"" + "x".repeat(40_000) + "\"}";
        String fifteen = String.join(",",
                java.util.stream.IntStream.range(0, 15).mapToObj(skill::formatted).toList());
        expectFieldError(tenant, "{\"skills\": [" + fifteen + "]}", "body");

        // And a body over 1 MB is refused before it is read
        String thirty = String.join(",", java.util.stream.IntStream.range(0, 30).mapToObj(skill::formatted).toList());
        put(tenant, "{\"skills\": [" + thirty + "]}").statusCode(413);
    }

    @Test
    void nonJsonIsA415Problem() {
        admin().contentType("text/plain").body("instructions=x").put(assistant(newTenant())).then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void missingOrWrongAdminTokenIsA401ProblemOnEveryEndpoint() {
        String tenant = newTenant();
        put(tenant, CHAIN).statusCode(200);
        for (String header : new String[]{null, "Bearer wrong", "Bearer " + AdminApi.token() + "x", "Basic x"}) {
            var request = header == null ? given() : given().header("Authorization", header);
            request.contentType(ContentType.JSON).body("{}").put(assistant(tenant)).then().statusCode(401)
                    .contentType("application/problem+json");
            var read = header == null ? given() : given().header("Authorization", header);
            read.get(assistant(tenant)).then().statusCode(401).contentType("application/problem+json");
            var versions = header == null ? given() : given().header("Authorization", header);
            versions.get(assistant(tenant) + "/versions/1").then().statusCode(401).contentType(
                    "application/problem+json");
            var restore = header == null ? given() : given().header("Authorization", header);
            restore.post(assistant(tenant) + "/versions/1/restore").then().statusCode(401).contentType(
                    "application/problem+json");
        }
        admin().get(assistant(tenant)).then().header("ETag", "\"1\"");
    }

    @Test
    void unknownTenantsAndVersionsAre404Problems() {
        String unknown = UUID.randomUUID().toString();
        for (String id : List.of(unknown, "not-a-uuid", "1-1-1-1-1")) {
            put(id, "{}").statusCode(404).contentType("application/problem+json");
            admin().get(assistant(id)).then().statusCode(404).contentType("application/problem+json");
            admin().get(assistant(id) + "/versions").then().statusCode(404).contentType("application/problem+json");
            admin().get(assistant(id) + "/versions/1").then().statusCode(404).contentType("application/problem+json");
            admin().post(assistant(id) + "/versions/1/restore").then().statusCode(404).contentType(
                    "application/problem+json");
        }
        String tenant = newTenant();
        for (String version : List.of("1", "0", "-1", "abc", "99999999999999999999")) {
            admin().get(assistant(tenant) + "/versions/" + version).then().statusCode(404).contentType(
                    "application/problem+json");
        }
    }

    @Test
    void anotherTenantsVersionsAreNotVisible() {
        // Given one tenant with a configuration and another without
        String owner = newTenant();
        put(owner, CHAIN).statusCode(200);
        String other = newTenant();

        // Then the other tenant has no version 1
        admin().get(assistant(other) + "/versions/1").then().statusCode(404);
        admin().get(assistant(other) + "/versions").then().body("size()", equalTo(0));
    }

    @Test
    void aBadLimitIsA400Problem() {
        String tenant = newTenant();
        for (String limit : List.of("0", "1001", "abc", "-1", "1.5")) {
            admin().get(assistant(tenant) + "/versions?limit=" + limit).then().statusCode(400).contentType(
                    "application/problem+json");
        }
    }

    @Test
    void openApiDocumentsTheAssistantEndpoints() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/v1/tenants/{id}/assistant'.put.summary", equalTo("Replace the assistant configuration"))
                .body("paths.'/v1/tenants/{id}/assistant'.put.responses.'412'", notNullValue())
                .body("paths.'/v1/tenants/{id}/assistant'.put.requestBody.content.'application/json'.examples.chain",
                        notNullValue())
                .body("paths.'/v1/tenants/{id}/assistant'.get.responses.'200'.headers.ETag", notNullValue())
                .body("paths.'/v1/tenants/{id}/assistant/versions'.get.summary", notNullValue())
                .body("paths.'/v1/tenants/{id}/assistant/versions/{version}/restore'.post.summary", notNullValue())
                .body("components.schemas.ModelInput.properties.apiKey.writeOnly", equalTo(true))
                .body("components.schemas.MaskedModel.properties.keySet()", hasItem("apiKeyHint"));
    }

    private static void expectFieldError(String tenant, String body, String field) {
        put(tenant, body).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private static ValidatableResponse put(String tenant, String body) {
        return admin().contentType(ContentType.JSON).body(body).put(assistant(tenant)).then();
    }

    private static String assistant(String tenant) {
        return "/v1/tenants/" + tenant + "/assistant";
    }

    private static String newTenant() {
        return createTenant("{\"name\": \"Assistant Co\"}").statusCode(201).extract().jsonPath().getString("id");
    }
}
