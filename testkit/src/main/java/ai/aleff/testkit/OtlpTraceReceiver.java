package ai.aleff.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP trace receiver in the test JVM: services export to {@link #endpoint()} with protocol
 * {@code http/protobuf}, and a test reads the spans it received. It decodes the few fields of the OTLP protobuf
 * messages it needs (service name, trace and span ids, name, string and integer attributes) from the wire format
 * itself, so no generated classes are needed.
 */
public final class OtlpTraceReceiver implements AutoCloseable {

    /** One received span; ids in lower-case hex as in a {@code traceparent}. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpTraceReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpTraceReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpTraceReceiver receiver = new OtlpTraceReceiver(server);
            server.createContext("/v1/traces", receiver::receive);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the OTLP receiver", e);
        }
    }

    /** The base endpoint to give as {@code quarkus.otel.exporter.otlp.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                spans.addAll(decodeRequest(body));
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** ExportTraceServiceRequest: 1 = ResourceSpans. */
    static List<ReceivedSpan> decodeRequest(byte[] request) {
        List<ReceivedSpan> decoded = new ArrayList<>();
        for (Field resourceSpans : Field.all(request)) {
            if (resourceSpans.number() != 1) {
                continue;
            }
            // ResourceSpans: 1 = Resource (1 = attributes), 2 = ScopeSpans (2 = Span)
            String service = "";
            List<byte[]> spanMessages = new ArrayList<>();
            for (Field field : Field.all(resourceSpans.bytes())) {
                if (field.number() == 1) {
                    service = attributes(field.bytes(), 1).getOrDefault("service.name", "");
                } else if (field.number() == 2) {
                    Field.all(field.bytes()).stream().filter(f -> f.number() == 2)
                            .forEach(span -> spanMessages.add(span.bytes()));
                }
            }
            for (byte[] span : spanMessages) {
                decoded.add(span(service, span));
            }
        }
        return decoded;
    }

    /** Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 9 attributes. */
    private static ReceivedSpan span(String service, byte[] span) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        for (Field field : Field.all(span)) {
            switch (field.number()) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes());
                case 4 -> parent = HexFormat.of().formatHex(field.bytes());
                case 5 -> name = field.string();
                default -> {
                }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, attributes(span, 9));
    }

    /** KeyValue (1 = key, 2 = AnyValue: 1 string, 2 bool, 3 int) under field {@code number} of a message. */
    private static Map<String, String> attributes(byte[] message, int number) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field keyValue : Field.all(message)) {
            if (keyValue.number() != number || keyValue.wireType() != 2) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field part : Field.all(keyValue.bytes())) {
                if (part.number() == 1) {
                    key = part.string();
                } else if (part.number() == 2) {
                    for (Field any : Field.all(part.bytes())) {
                        value = switch (any.number()) {
                            case 1 -> any.string();
                            case 2 -> String.valueOf(any.varint() != 0);
                            case 3 -> String.valueOf(any.varint());
                            default -> value;
                        };
                    }
                }
            }
            if (key != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One protobuf field: varint fields keep the number, length-delimited ones their bytes. */
    private record Field(int number, int wireType, long varint, byte[] bytes) {

        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        static List<Field> all(byte[] message) {
            List<Field> fields = new ArrayList<>();
            int[] at = {0};
            while (at[0] < message.length) {
                long tag = readVarint(message, at);
                int number = (int) (tag >>> 3);
                int wireType = (int) (tag & 7);
                switch (wireType) {
                    case 0 -> fields.add(new Field(number, 0, readVarint(message, at), new byte[0]));
                    case 1 -> at[0] += 8;
                    case 2 -> {
                        int length = (int) readVarint(message, at);
                        byte[] bytes = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                        at[0] += length;
                        fields.add(new Field(number, 2, 0, bytes));
                    }
                    case 5 -> at[0] += 4;
                    default -> throw new IllegalArgumentException("Unsupported protobuf wire type " + wireType);
                }
            }
            return fields;
        }

        private static long readVarint(byte[] message, int[] at) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = message[at[0]++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("Malformed varint");
        }
    }
}
