package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.vafa.core.rest.ApiKeys;

@Service
@Command(scope = "vafa", name = "apikey-list", description = "Lists API keys (names and scopes; secrets are not stored)")
public class ApiKeyListCommand implements Action {
    @Reference
    private ApiKeys apiKeys;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Scopes");
        table.column("Created");
        table.column("Revoked");
        for (ApiKeys.ApiKey k : apiKeys.list()) {
            table.addRow().addContent(k.name(), String.join(",", k.scopes()), k.createdAt(), k.revokedAt() == null ? "" : k.revokedAt());
        }
        table.print(System.out);
        return null;
    }
}
