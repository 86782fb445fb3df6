package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.vafa.core.personal.PersonalDataService;

@Service
@Command(scope = "vafa", name = "personal-data-erase", description = "Erases a member's personal data everywhere (idempotent; the reason is recorded)")
public class PersonalDataEraseCommand implements Action {
    @Reference
    private PersonalDataService personalData;
    @Reference
    private Session session;

    @Argument(index = 0, name = "member", description = "The member's id", required = true)
    private String memberId;

    @Argument(index = 1, name = "reason", description = "Why, e.g. \"the member asked on 2026-12-03\"", required = true, multiValued = true)
    private java.util.List<String> reason;

    @Override
    public Object execute() {
        Object user = session.get("USER");
        PersonalDataService.Erasure erasure = personalData.erase(memberId, String.join(" ", reason), user == null ? "shell" : "shell:" + user);
        System.out.println("Erasure " + erasure.id() + " of member " + erasure.memberId() + ": "
                + (erasure.completedAt() != null ? "complete" : "waiting for plugins that are not installed"));
        for (PersonalDataService.Part part : erasure.parts()) {
            System.out.printf("  %-8s %s%n", part.plugin(), part.done() ? part.detail() : "waiting: not installed");
        }
        return null;
    }
}
