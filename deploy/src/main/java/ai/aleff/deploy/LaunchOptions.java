package ai.aleff.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code ./aleff run}.
 *
 * @param properties extra service properties, each {@code service:key=value}
 */
public record LaunchOptions(Optional<Path> repoDir, Optional<Path> dataDir, int portOffset,
        Optional<Integer> postgresPort, Optional<Integer> kafkaPort, List<Property> properties, int restarts,
        boolean help) {

    public static final String USAGE = """
            Usage: ./aleff run [options]
              --data-dir <dir>        where PostgreSQL, Kafka and logs keep their state (default <repo>/.aleff,
                                      or $ALEFF_DATA_DIR); kept between runs, delete it to start afresh
              --port-offset <n>       add n to every port (PostgreSQL 55432, Kafka 9092/9093, services 8080-8084,
                                      Keycloak 8090/9190);
                                      use a multiple of 100 to run a second platform beside the first
              --postgres-port <port>  PostgreSQL port (default 55432 + offset)
              --kafka-port <port>     Kafka broker port (default 9092 + offset; the controller uses the next one)
              --property <svc>:<key>=<value>
                                      an extra configuration property for one service (repeatable), e.g.
                                      --property agent-worker:quarkus.log.level=DEBUG
              --restarts <n>          a service, Kafka or Keycloak that exits on its own is started again, after
                                      1 s doubling to 30 s; after n quick failures in a row (each within 60 s of
                                      its start) the launcher gives up on it (default 6; 0 = never restart)
              --repo-dir <dir>        the repository root (default: found from the launcher's location)
              --help                  this text
            Environment: OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL point agent-worker at an OpenAI-compatible
            model provider.""";

    public LaunchOptions {
        properties = List.copyOf(properties);
    }

    /** One {@code --property} argument. */
    public record Property(PlatformService service, String key, String value) {

        static Property parse(String argument) {
            int colon = argument.indexOf(':');
            int equals = argument.indexOf('=', Math.max(colon, 0));
            if (colon <= 0 || equals < 0 || equals == colon + 1) {
                throw new IllegalArgumentException(
                        "--property expects <service>:<key>=<value>, got '" + argument + "'");
            }
            return new Property(PlatformService.byModuleName(argument.substring(0, colon)),
                    argument.substring(colon + 1, equals), argument.substring(equals + 1));
        }
    }

    /**
     * Parses the arguments; the environment supplies ALEFF_DATA_DIR when {@code --data-dir} is absent.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static LaunchOptions parse(String[] args, Map<String, String> environment) {
        Optional<Path> repoDir = Optional.empty();
        Optional<Path> dataDir = Optional.ofNullable(environment.get("ALEFF_DATA_DIR"))
                .filter(value -> !value.isBlank())
                .map(Path::of);
        int portOffset = 0;
        Optional<Integer> postgresPort = Optional.empty();
        Optional<Integer> kafkaPort = Optional.empty();
        List<Property> properties = new ArrayList<>();
        int restarts = RestartPolicy.DEFAULT.maxQuickFailures();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--data-dir" -> dataDir = Optional.of(Path.of(value(args, i, arg)));
                case "--repo-dir" -> repoDir = Optional.of(Path.of(value(args, i, arg)));
                case "--port-offset" -> portOffset = number(value(args, i, arg), name, -8000, 50000);
                case "--postgres-port" -> postgresPort = Optional.of(number(value(args, i, arg), name, 1, 65535));
                case "--kafka-port" -> kafkaPort = Optional.of(number(value(args, i, arg), name, 1, 65534));
                case "--property" -> properties.add(Property.parse(value(args, i, arg)));
                case "--restarts" -> restarts = number(value(args, i, arg), name, 0, 1000);
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
            }
            if (!arg.contains("=") && !name.equals("--help") && !name.equals("-h")) {
                i++;
            }
        }
        return new LaunchOptions(repoDir, dataDir, portOffset, postgresPort, kafkaPort, properties, restarts, help);
    }

    /** How the launcher restarts what exits on its own. */
    public RestartPolicy restartPolicy() {
        return RestartPolicy.DEFAULT.withMaxQuickFailures(restarts);
    }

    /** The settings these options describe, on top of the defaults. */
    public PlatformSettings toSettings(Path defaultRepoDir, Map<String, String> environment) {
        Path repo = repoDir.orElse(defaultRepoDir);
        PlatformSettings.Builder builder = PlatformSettings.builder(repo, dataDir.orElse(repo.resolve(".aleff")))
                .portOffset(portOffset)
                .environment(environment);
        postgresPort.ifPresent(builder::postgresPort);
        kafkaPort.ifPresent(port -> builder.kafkaPort(port).kafkaControllerPort(port + 1));
        properties.forEach(property -> builder.serviceProperty(property.service(), property.key(), property.value()));
        return builder.build();
    }

    private static String value(String[] args, int index, String arg) {
        if (arg.startsWith("--") && arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (index + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return args[index + 1];
    }

    private static int number(String value, String option, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got '" + value + "'");
        }
    }
}
