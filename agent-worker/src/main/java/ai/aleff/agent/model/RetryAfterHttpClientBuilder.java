package ai.aleff.agent.model;

import java.time.Clock;
import java.time.Duration;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;

/** Builds a {@link RetryAfterHttpClient}; every provider's LangChain4j model accepts it as its HTTP client. */
class RetryAfterHttpClientBuilder implements HttpClientBuilder {

    private final Clock clock;
    private Duration connectTimeout;
    private Duration readTimeout;

    RetryAfterHttpClientBuilder(Clock clock) {
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
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (connectTimeout != null) {
            jdk.connectTimeout(connectTimeout);
        }
        return new RetryAfterHttpClient(jdk.build(), readTimeout, clock);
    }
}
