package ai.aleff.agent.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;

/**
 * A self-signed certificate for one host name, made by the JDK's keytool (Netty's generator needs BouncyCastle or
 * JDK internals, neither available here): a PKCS#12 key store for the server and the certificate as PEM to trust.
 */
record TestCertificate(Path keyStorePath, Path certificatePem) {

    private static final String PASSWORD = "test-only";

    static TestCertificate issue(String hostName) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("aleff-cert");
        Path keyStore = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + hostName, "-ext", "SAN=dns:" + hostName, "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        keyStore.toFile().deleteOnExit();
        pem.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new TestCertificate(keyStore, pem);
    }

    PfxOptions keyStore() {
        return new PfxOptions().setPath(keyStorePath.toString()).setPassword(PASSWORD);
    }

    PemTrustOptions trustOptions() {
        return new PemTrustOptions().addCertPath(certificatePem.toString());
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
