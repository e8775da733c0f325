package ai.aleff.deploy;

import java.nio.file.Path;

/** The java executable of the running JVM: children run on the same JDK as the launcher. */
final class JavaCommand {

    private JavaCommand() {
    }

    static String current() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
