package ai.aleff.deploy;

/** Keycloak's bootstrap administrator (master realm): created on the first start of a database. */
public record KeycloakAdminCredentials(String username, String password) {

    @Override
    public String toString() {
        return "KeycloakAdminCredentials[username=" + username + ", password=***]";
    }
}
