package ai.aleff.deploy;

import java.util.Locale;

/** What to print once the platform is up: URLs, the admin token, logs, and a curl session to paste. */
public final class Instructions {

    private Instructions() {
    }

    public static String render(PlatformSettings settings, DataLayout layout, String adminToken) {
        String tenants = settings.serviceUrl(PlatformService.TENANT_SERVICE);
        String ingress = settings.serviceUrl(PlatformService.CHANNEL_INGRESS);
        String audit = settings.serviceUrl(PlatformService.AUDIT_SERVICE);
        StringBuilder text = new StringBuilder();
        text.append("\nAleffAI is running. Ctrl-C stops everything (data is kept in ").append(layout.root())
                .append(").\n\n");
        text.append("Services (OpenAPI UI at <url>/q/swagger-ui, health at <url>/q/health):\n");
        for (PlatformService service : PlatformService.values()) {
            text.append(String.format(Locale.ROOT, "  %-16s %s   %s/q/swagger-ui%n", service.moduleName(),
                    settings.serviceUrl(service), settings.serviceUrl(service)));
        }
        text.append("  Kafka            ").append(settings.bootstrapServers()).append('\n');
        text.append("  PostgreSQL       ").append(settings.jdbcUrl()).append("  (user ")
                .append(PlatformSettings.DATABASE_USER).append(")\n");
        text.append("\nAdmin token (tenant-service): ").append(adminToken).append("  (stored in ")
                .append(layout.adminToken()).append(")\n");
        text.append("Logs: ").append(layout.logs()).append("/<service>.log, kafka.log, postgres.log\n");
        text.append(settings.environment().containsKey("OPENAI_BASE_URL")
                ? "Model provider: " + settings.environment().get("OPENAI_BASE_URL") + "\n"
                : "Model provider: none configured (set OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL); "
                        + "slash commands such as /time and /calc still work.\n");
        text.append("\nTry it (paste into another shell):\n\n");
        text.append("ADMIN_TOKEN=").append(adminToken).append('\n');
        text.append("TENANT=$(curl -s -X POST ").append(tenants).append("/v1/tenants \\\n")
                .append("  -H \"Authorization: Bearer $ADMIN_TOKEN\" -H 'Content-Type: application/json' ")
                .append("-d '{\"name\":\"acme\"}')\n");
        text.append("echo \"$TENANT\"\n");
        text.append("API_KEY=$(echo \"$TENANT\" | sed -n 's/.*\"apiKey\" *: *\"\\([^\"]*\\)\".*/\\1/p')\n");
        text.append("CONV=conv-$RANDOM\n");
        text.append("sleep 2   # the other services learn about the new tenant over Kafka\n");
        text.append(message(ingress, "/time Europe/Lisbon", "m1"));
        text.append(message(ingress, "/calc 2*(3+4)", "m2"));
        text.append("sleep 5   # the replies take a moment (replies also arrive over the event stream below)\n");
        text.append("curl -s ").append(ingress).append("/v1/conversations/$CONV/messages ")
                .append("-H \"Authorization: Bearer $API_KEY\"; echo\n");
        text.append("curl -s \"").append(audit).append("/v1/audit?conversationId=$CONV\" ")
                .append("-H \"Authorization: Bearer $API_KEY\"; echo\n");
        text.append("# follow replies live (Ctrl-C ends it); send more messages from another shell:\n");
        text.append("curl -N ").append(ingress).append("/v1/conversations/$CONV/events ")
                .append("-H \"Authorization: Bearer $API_KEY\"\n");
        return text.toString();
    }

    private static String message(String ingress, String text, String clientMessageId) {
        return "curl -s -X POST " + ingress + "/v1/messages -H \"Authorization: Bearer $API_KEY\" "
                + "-H 'Content-Type: application/json' \\\n  -d \"{\\\"conversationId\\\":\\\"$CONV\\\","
                + "\\\"userId\\\":\\\"me\\\",\\\"text\\\":\\\"" + text + "\\\",\\\"clientMessageId\\\":\\\""
                + clientMessageId + "-$RANDOM\\\"}\"; echo\n";
    }
}
