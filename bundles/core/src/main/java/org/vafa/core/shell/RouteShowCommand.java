package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.vafa.core.routes.RouteDeployer;

@Service
@Command(scope = "vafa", name = "route-show", description = "Prints a route file as it is in force (the operator's, or the plugin's own)")
public class RouteShowCommand implements Action {
    @Reference
    private RouteDeployer deployer;

    @Argument(index = 0, name = "file", description = "A route file name, e.g. club-daily.camel.yaml", required = true)
    @Completion(Completions.RouteFiles.class)
    private String file;

    @Override
    public Object execute() throws Exception {
        try {
            System.out.print(deployer.read(file).orElseThrow(() -> new CommandException("No route file " + file)));
        } catch (IllegalArgumentException invalid) {
            throw new CommandException(invalid.getMessage());
        }
        return null;
    }
}
