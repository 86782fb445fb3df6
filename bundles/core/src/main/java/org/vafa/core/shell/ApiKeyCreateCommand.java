package org.vafa.core.shell;

import java.util.LinkedHashSet;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.core.rest.ApiKeys;

@Service
@Command(scope = "vafa", name = "apikey-create", description = "Creates an API key; its secret is shown only now")
public class ApiKeyCreateCommand implements Action {
    @Reference
    private ApiKeys apiKeys;

    @Argument(index = 0, name = "name", description = "A name for the key, e.g. branch-12-register-3", required = true)
    private String name;

    @Argument(index = 1, name = "scopes", description = "API areas it may call: pos, shop, erp, club, ... or admin",
            required = true, multiValued = true)
    private List<String> scopes;

    @Override
    public Object execute() {
        try {
            String secret = apiKeys.create(name, new LinkedHashSet<>(scopes));
            System.out.println("API key '" + name + "' " + scopes + ": " + secret);
            System.out.println("Send it as: Authorization: Bearer " + secret + "  (it cannot be shown again)");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }
}
