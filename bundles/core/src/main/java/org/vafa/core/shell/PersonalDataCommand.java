package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.api.rest.RestJson;
import org.vafa.core.personal.PersonalDataService;

@Service
@Command(scope = "vafa", name = "personal-data", description = "Shows everything held about a member, from every plugin and the event log")
public class PersonalDataCommand implements Action {
    @Reference
    private PersonalDataService personalData;

    @Argument(index = 0, name = "member", description = "The member's id", required = true)
    private String memberId;

    @Override
    public Object execute() throws Exception {
        System.out.println(RestJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(personalData.export(memberId)));
        return null;
    }
}
