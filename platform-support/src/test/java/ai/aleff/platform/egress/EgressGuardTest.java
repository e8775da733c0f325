package ai.aleff.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardTest {

    /** Names resolved by this table only, so no test depends on the machine's DNS. */
    private static final Map<String, List<String>> DNS = Map.of(
            "api.openai.com", List.of("162.159.140.245"),
            "rebind.example", List.of("8.8.8.8", "127.0.0.1"),
            "metadata.example", List.of("169.254.169.254"),
            "mapped.example", List.of("::ffff:10.0.0.1"),
            "ollama.internal", List.of("10.1.2.3"),
            "v6.example", List.of("2606:4700::6810:84e5"));

    private static InetAddress[] lookup(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] result = new InetAddress[addresses.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = InetAddress.getByName(addresses.get(i));
        }
        return result;
    }

    private final EgressGuard strict = new EgressGuard(List.of(), List.of(), EgressGuardTest::lookup);

    @Test
    void aPublicHostResolvesToTheAddressTheClientMustConnectTo() {
        // When a public provider URL is resolved
        EgressTarget target = strict.resolve("https://api.openai.com/v1");

        // Then the target pins the checked address and keeps the host name for TLS
        assertThat(target.host()).isEqualTo("api.openai.com");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.address().getHostAddress()).isEqualTo("162.159.140.245");
    }

    @Test
    void aPublicIpv6HostIsAllowed() {
        assertThat(strict.resolve("http://v6.example:8080/x").port()).isEqualTo(8080);
        assertThat(strict.resolve("http://[2606:4700::6810:84e5]/").address().getHostAddress())
                .startsWith("2606:4700");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:11434", "http://[::1]/", "http://0.0.0.0/",
            "http://169.254.169.254/latest/meta-data", "http://10.0.0.8/", "http://172.16.3.4/",
            "http://192.168.1.1/", "http://100.100.100.200/", "http://[fd00:ec2::254]/", "http://[fe80::1]/",
            "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[2002:a9fe:a9fe::1]/", "http://255.255.255.255/"})
    void literalsOfRefusedRangesAreRefusedWithoutALookup(String url) {
        // When / Then (the table resolver knows none of these hosts: a lookup would fail differently)
        assertThatThrownBy(() -> strict.checkUrl(url)).isInstanceOf(EgressRefusedException.class)
                .satisfiesAnyOf(e -> assertThat(e).hasMessageContaining("address"),
                        e -> assertThat(e).hasMessageContaining("numeric"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/",
            "http://0x7f.1/", "http://017700000001/"})
    void numericFormsOtherThanADottedQuadAreRefused(String url) {
        assertThatThrownBy(() -> strict.checkUrl(url)).isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining("numeric form");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.openai.com/", "file:///etc/passwd", "api.openai.com/v1", "",
            "http://user:secret@api.openai.com/", "http:///nohost", "gopher://x/", "http://exa mple.com/"})
    void urlsThatAreNotPlainHttpAreRefused(String url) {
        assertThatThrownBy(() -> strict.checkUrl(url)).isInstanceOf(EgressRefusedException.class)
                .hasMessageStartingWith("URL refused: ");
    }

    @Test
    void aNameWithOnePrivateAddressAmongPublicOnesIsRefused() {
        // A client may pick any address of the answer: one bad address refuses the host
        assertThatThrownBy(() -> strict.resolve("http://rebind.example/")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void namesThatResolveToMetadataOrMappedPrivateAddressesAreRefused() {
        assertThatThrownBy(() -> strict.resolve("http://metadata.example/")).isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> strict.resolve("http://mapped.example/")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void anUnknownNameAndAPrivateNameAreRefusedInTheSameWords() {
        // Whether an internal name exists must not be learnable from the refusal
        String unknown = messageOf(() -> strict.resolve("http://no-such-host.example/"));
        String internal = messageOf(() -> strict.resolve("http://ollama.internal/"));
        assertThat(unknown).isEqualTo(internal).isEqualTo("URL refused: " + EgressGuard.NOT_PUBLIC);
    }

    @Test
    void allowListedNetworksAndHostsAreReachable() {
        // Given an operator who allows loopback (a local Ollama) and one internal gateway by name
        EgressGuard guard = new EgressGuard(List.of("127.0.0.0/8", "::1/128"), List.of("Ollama.Internal"),
                EgressGuardTest::lookup);

        // Then those pass, and everything else private is still refused
        assertThat(guard.checkUrl("http://127.0.0.1:11434").getPort()).isEqualTo(11434);
        assertThat(guard.checkUrl("http://[::1]:11434").getPort()).isEqualTo(11434);
        assertThat(guard.resolve("http://ollama.internal/").address().getHostAddress()).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> guard.checkUrl("http://169.254.169.254/")).isInstanceOf(
                EgressRefusedException.class);
        assertThatThrownBy(() -> guard.resolve("http://metadata.example/")).isInstanceOf(
                EgressRefusedException.class);
    }

    @Test
    void cidrContainsOnlyAddressesOfItsFamilyAndPrefix() throws Exception {
        Cidr net = Cidr.parse("172.16.0.0/12");
        assertThat(net.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(net.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
        } catch (EgressRefusedException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }
}
