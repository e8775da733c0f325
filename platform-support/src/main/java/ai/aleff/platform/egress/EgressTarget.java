package ai.aleff.platform.egress;

import java.net.InetAddress;
import java.net.URI;

/**
 * Where a checked call goes: the URL as given (its host name for the Host header, TLS server name and certificate
 * check) and the one address the guard checked, which the client must connect to instead of resolving again: a
 * second lookup could answer differently (DNS rebinding).
 */
public record EgressTarget(URI uri, String host, int port, InetAddress address) {
}
