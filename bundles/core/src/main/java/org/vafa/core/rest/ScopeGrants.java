package org.vafa.core.rest;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.vafa.api.rest.ScopeGrant;

/** The {@link ScopeGrant}s the installed plugins register: a grant goes with its plugin. */
@Component(service = ScopeGrants.class)
public class ScopeGrants {
    private final CopyOnWriteArrayList<ScopeGrant> grants = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void add(ScopeGrant grant) {
        grants.add(grant);
    }

    public void remove(ScopeGrant grant) {
        grants.remove(grant);
    }

    /** Whether one of the key's scopes was granted the canonical path. */
    public boolean allow(Set<String> scopes, String path) {
        for (ScopeGrant g : grants) {
            if (scopes.contains(g.scope()) && g.covers(path)) {
                return true;
            }
        }
        return false;
    }
}
