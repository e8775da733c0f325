package ai.aleff.platform.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Tags every meter with the service's name, so one Prometheus query (or a local scrape of several services) tells
 * the services apart without relying on the scraper's job labels.
 */
@Singleton
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(io.micrometer.core.instrument.Tags.of("service", service));
    }
}
