package ai.aleff.deploy;

import java.util.Locale;

/**
 * What to print once the platform is up: URLs, how to log in (Keycloak demo users), logs, and a curl session to
 * paste that gets tokens from Keycloak.
 */
public final class Instructions {

    private Instructions() {
    }

    public static String render(PlatformSettings settings, DataLayout layout, DemoTenant demo) {
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
        text.append("  Keycloak         ").append(settings.keycloakBaseUrl()).append("   realm ")
                .append(AleffRealm.NAME)
                .append(", admin console ").append(settings.keycloakBaseUrl()).append("/admin (user ")
                .append(PlatformIdentity.ADMIN_USERNAME).append(", password in ").append(layout.keycloakAdminPassword())
                .append(")\n");
        text.append("\nLog in (realm ").append(AleffRealm.NAME).append(", client ").append(AleffRealm.CLI_CLIENT)
                .append("; demo passwords, for local use only):\n");
        text.append(user("platform administrator", AleffRealm.PLATFORM_ADMIN, "any tenant"));
        text.append(user("tenant administrator", AleffRealm.DEMO_TENANT_ADMIN,
                "tenant " + DemoTenant.NAME + " " + demo.id()));
        text.append(user("tenant member", AleffRealm.DEMO_TENANT_MEMBER, "tenant " + DemoTenant.NAME + ", read only"));
        text.append("Demo tenant ").append(demo.id()).append(": its first API key is in ").append(layout.demoTenant())
                .append('\n');
        text.append("Chat widget demo page: ").append(ingress).append("/demo/").append(demo.id())
                .append("  (open it in a browser; docs/widget.md)\n");
        text.append("Logs: ").append(layout.logs()).append("/<service>.log, kafka.log, postgres.log\n");
        text.append(settings.environment().containsKey("OPENAI_BASE_URL")
                ? "Model provider: " + settings.environment().get("OPENAI_BASE_URL") + "\n"
                : "Model provider: none configured (set OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL); "
                        + "slash commands such as /time and /calc still work.\n");
        text.append("\nTry it (paste into another shell):\n\n");
        text.append("token() { curl -s ").append(new KeycloakClient(settings.keycloakBaseUrl()).tokenEndpoint())
                .append(" -d grant_type=password -d client_id=").append(AleffRealm.CLI_CLIENT)
                .append(" -d \"username=$1\" -d \"password=$2\" \\\n")
                .append("  | sed -n 's/.*\"access_token\" *: *\"\\([^\"]*\\)\".*/\\1/p'; }\n");
        text.append("DEMO_ADMIN_TOKEN=$(token ").append(AleffRealm.DEMO_TENANT_ADMIN.username()).append(' ')
                .append(AleffRealm.DEMO_TENANT_ADMIN.password()).append(")\n");
        text.append("curl -s ").append(tenants).append("/v1/tenants/").append(demo.id())
                .append("/assistant -H \"Authorization: Bearer $DEMO_ADMIN_TOKEN\"; echo\n");
        text.append("ADMIN_TOKEN=$(token ").append(AleffRealm.PLATFORM_ADMIN.username()).append(' ')
                .append(AleffRealm.PLATFORM_ADMIN.password()).append(")   # tokens live 5 minutes: call token again\n");
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

    private static String user(String what, AleffRealm.DemoUser user, String reach) {
        return String.format(Locale.ROOT, "  %-24s %-16s password %-22s (%s)%n", what, user.username(),
                user.password(), reach);
    }

    private static String message(String ingress, String text, String clientMessageId) {
        return "curl -s -X POST " + ingress + "/v1/messages -H \"Authorization: Bearer $API_KEY\" "
                + "-H 'Content-Type: application/json' \\\n  -d \"{\\\"conversationId\\\":\\\"$CONV\\\","
                + "\\\"userId\\\":\\\"me\\\",\\\"text\\\":\\\"" + text + "\\\",\\\"clientMessageId\\\":\\\""
                + clientMessageId + "-$RANDOM\\\"}\"; echo\n";
    }
}
