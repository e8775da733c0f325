package ai.aleff.e2e.widget;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A customer's shop on a loopback origin of its own, whose page embeds the widget with the one script tag of
 * docs/widget.md: {@code /<tenant id>?ingress=<base URL>[&locale=<tag>]} loads {@code widget.js} from that base URL
 * (the platform's channel-ingress, or a proxy in front of it), which then talks to the same base; without
 * {@code locale} the widget follows the browser's language. The shop's own CSS tries to restyle every {@code div} and
 * {@code button}, which the widget's shadow root must keep out.
 */
public final class ShopSite implements AutoCloseable {

    private static final Pattern LOOPBACK_BASE = Pattern.compile("http://127\\.0\\.0\\.1:\\d{1,5}");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9-]*");

    private final HttpServer server;

    private ShopSite(HttpServer server) {
        this.server = server;
    }

    public static ShopSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ShopSite::page);
            server.start();
            return new ShopSite(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: what the tenant allows. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The shop page embedding the tenant's widget served by {@code ingressBaseUrl}, in the browser's language. */
    public String page(String tenantId, String ingressBaseUrl) {
        return origin() + "/" + tenantId + "?ingress=" + URLEncoder.encode(ingressBaseUrl, StandardCharsets.UTF_8);
    }

    /** The same page naming the widget's locale itself ({@code data-locale}). */
    public String page(String tenantId, String ingressBaseUrl, String locale) {
        return page(tenantId, ingressBaseUrl) + "&locale=" + URLEncoder.encode(locale, StandardCharsets.UTF_8);
    }

    private static void page(HttpExchange exchange) throws IOException {
        String tenantId = exchange.getRequestURI().getPath().substring(1);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String ingress = query.getOrDefault("ingress", "");
        String locale = query.getOrDefault("locale", "");
        if (!SAFE.matcher(tenantId).matches() || !LOOPBACK_BASE.matcher(ingress).matches()
                || !SAFE.matcher(locale).matches()) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        String html = """
                <!doctype html><html><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
                <style>button, div { background: #f0f !important; font-size: 40px !important; }</style></head>
                <body><h1>Test shop</h1><p>A page on another origin.</p>
                <script src="%s/widget/v1/widget.js" data-tenant="%s"%s async></script>
                </body></html>
                """.formatted(ingress, tenantId, locale.isEmpty() ? "" : " data-locale=\"" + locale + "\"");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
