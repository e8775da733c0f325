package ai.aleff.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import ai.aleff.contracts.Topics;

/**
 * What a service's own configuration says it consumes and where it dead-letters: every SmallRye incoming channel's
 * topic and group, its dead-letter topic, and the tenant cache's topic when the cache is on (its default). Read from
 * the service's {@code application.properties}, the file it runs with.
 */
record ServiceKafkaUse(String service, Set<String> readTopics, Set<String> groups, Set<String> writeTopics) {

    private static final String INCOMING = "mp.messaging.incoming.";

    static ServiceKafkaUse of(Path repo, String service) {
        Properties p = new Properties();
        try (Reader in = Files
                .newBufferedReader(repo.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + service + "'s application.properties", e);
        }
        Set<String> read = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> write = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith(INCOMING)) {
                continue;
            }
            String value = p.getProperty(key).trim();
            if (key.endsWith(".dead-letter-queue.topic")) {
                write.add(value);
            } else if (key.endsWith(".topic")) {
                read.add(value);
            } else if (key.endsWith(".group.id")) {
                groups.add(value);
            }
        }
        if (Boolean.parseBoolean(p.getProperty("aleff.tenant-directory.enabled", "true"))) {
            read.add(Topics.TENANT_CONFIG);
        }
        return new ServiceKafkaUse(service, read, groups, write);
    }
}
