package org.vafa.api.rest;

import java.util.List;

/**
 * A plugin lets keys of another scope call some of its resources: the shop lets an ERP's key (scope {@code erp}) push
 * stock to {@code /api/shop/stock} although the area's scope is {@code shop}. Register it as an OSGi service; the
 * REST guard consults every registered grant, on the canonical path, before it refuses a key.
 */
public interface ScopeGrant {

    /** The scope granted, e.g. {@code erp}. */
    String scope();

    /** The paths it may call: each an exact path or a prefix ending in {@code /}, e.g. {@code /api/shop/stock}. */
    List<String> paths();

    /** Whether the grant covers the canonical path. */
    default boolean covers(String path) {
        for (String p : paths()) {
            if (p.endsWith("/") ? path.startsWith(p) : path.equals(p) || path.startsWith(p + "/")) {
                return true;
            }
        }
        return false;
    }
}
