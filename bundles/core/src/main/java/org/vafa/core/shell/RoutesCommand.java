package org.vafa.core.shell;

import java.util.HashSet;
import java.util.Set;
import org.apache.camel.Route;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.vafa.core.camel.VafaCamel;
import org.vafa.core.routes.RouteDeployer;
import org.vafa.core.routes.RouteFile;

@Service
@Command(scope = "vafa", name = "routes", description = "Lists the routes with their state, file, owner (a plugin or routes/) and last error")
public class RoutesCommand implements Action {
    @Reference
    private VafaCamel camel;
    @Reference
    private RouteDeployer deployer;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Route");
        table.column("State");
        table.column("File");
        table.column("Owner");
        table.column("File state");
        table.column("Last error").maxSize(100).wrap();
        Set<String> listed = new HashSet<>();
        for (RouteFile file : deployer.files()) {
            if (file.routeIds().isEmpty()) {
                table.addRow().addContent("-", "-", file.name(), file.source(), file.status(), file.error());
            }
            for (String id : file.routeIds()) {
                listed.add(id);
                table.addRow().addContent(id, state(id), file.name(), file.source(), file.status(), file.error() == null ? "" : file.error());
            }
        }
        for (Route route : camel.context().getRoutes()) {
            if (!listed.contains(route.getRouteId())) {
                table.addRow().addContent(route.getRouteId(), state(route.getRouteId()), "-", "java", "", "");
            }
        }
        table.print(System.out);
        return null;
    }

    private String state(String routeId) {
        return String.valueOf(camel.context().getRouteController().getRouteStatus(routeId));
    }
}
