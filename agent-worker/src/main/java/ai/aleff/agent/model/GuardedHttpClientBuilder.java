package ai.aleff.agent.model;

import java.time.Clock;
import java.time.Duration;

import io.vertx.core.Context;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;

import ai.aleff.platform.egress.EgressGuard;

/** Builds a {@link GuardedHttpClient}; every provider's LangChain4j model accepts it as its HTTP client. */
class GuardedHttpClientBuilder implements HttpClientBuilder {

    private final io.vertx.core.http.HttpClient client;
    private final Context context;
    private final EgressGuard guard;
    private final Clock clock;
    private Duration connectTimeout;
    private Duration readTimeout;

    GuardedHttpClientBuilder(io.vertx.core.http.HttpClient client, Context context, EgressGuard guard, Clock clock) {
        this.client = client;
        this.context = context;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        return new GuardedHttpClient(client, context, guard, connectTimeout, readTimeout, clock);
    }
}
