package org.vafa.console;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.RestConfiguration;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the operator console at {@code /console/} and the member panel at {@code /me/} on the REST API's own web server (same address, port and TLS), with
 * headers that keep a page from running anything but its own files: a strict Content-Security-Policy (no inline
 * script, nothing from another host), no framing, no sniffing, no referrer. The pages hold no data and no secret: they
 * call the REST API, which authorises each call by the operator's session.
 */
@Component(service = RoutesBuilder.class)
public class ConsoleSite extends RouteBuilder {
    /** The sites, each a folder under {@code web/}: the operators' console and the members' panel. */
    static final java.util.List<String> SITES = java.util.List.of("console", "me");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
            + " connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void configure() {
        RestConfiguration rest = getContext().getRestConfiguration();
        String scheme = rest.getScheme() == null ? "http" : rest.getScheme();
        String host = rest.getHost() == null ? "0.0.0.0" : rest.getHost();
        for (String site : SITES) {
            from("jetty:" + scheme + "://" + host + ":" + rest.getPort() + "/" + site + "?matchOnUriPrefix=true&httpMethodRestrict=GET,HEAD")
                    .routeId(site + "-site").process(e -> serve(e, site));
        }
    }

    private void serve(Exchange e, String site) throws Exception {
        String path = e.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String uri = e.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String asked = uri == null ? "/" + site + (path == null ? "" : path) : uri.split("\\?", 2)[0];
        e.getMessage().removeHeaders("*");
        if (asked.equals("/" + site)) { // relative links resolve under the folder
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 301);
            e.getMessage().setHeader("Location", "/" + site + "/");
            e.getMessage().setBody("");
            return;
        }
        Optional<StaticFiles.File> file = StaticFiles.resource(site, asked).flatMap(r -> {
            try {
                return StaticFiles.read(ConsoleSite.class.getClassLoader(), r);
            } catch (java.io.IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        });
        e.getMessage().setHeader("Content-Security-Policy", CSP);
        e.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        e.getMessage().setHeader("Referrer-Policy", "no-referrer");
        e.getMessage().setHeader("X-Frame-Options", "DENY");
        e.getMessage().setHeader("Cache-Control", "no-cache");
        if (file.isEmpty()) {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            e.getMessage().setBody("Not found");
            return;
        }
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, file.get().type());
        e.getMessage().setBody(file.get().bytes());
    }
}
