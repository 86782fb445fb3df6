package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.core.rest.ApiKeys;

@Service
@Command(scope = "vafa", name = "apikey-revoke", description = "Revokes an API key at once")
public class ApiKeyRevokeCommand implements Action {
    @Reference
    private ApiKeys apiKeys;

    @Argument(index = 0, name = "name", required = true)
    @Completion(Completions.ActiveKeys.class)
    private String name;

    @Override
    public Object execute() {
        System.out.println(apiKeys.revoke(name) ? "Revoked " + name : "No active key named " + name);
        return null;
    }
}
