package org.vafa.core.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.vafa.api.rest.Problem;

/**
 * Errors that the web server raises itself, before any route sees the request (a malformed or too long
 * URI, headers too large, a body over the size limit, an unknown path): answered as RFC 9457 problems
 * like everything else, never as Jetty's HTML page, and never with the exception's text.
 */
final class ProblemErrorHandler extends ErrorHandler {
    /** Every method gets its problem (Jetty writes a body only for GET, POST and HEAD by default). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        // a body over the limit fails while the servlet reads it: the limit's own status, not a 500
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                code = http.getCode();
                response.setStatus(code);
                break;
            }
        }
        byte[] body = body(code, request.getHttpURI().getPath()).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, null).getBytes(StandardCharsets.UTF_8));
    }

    private static String body(int code, String path) {
        String detail = switch (code) {
            case 404 -> "There is no resource at this path; GET /api/openapi.json lists them";
            case 413 -> "The request body is too large";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            default -> HttpStatus.getMessage(code);
        };
        String title = HttpStatus.getMessage(code);
        return Problems.json(new Problem(code, title == null ? "Error" : title, detail, null), path);
    }
}
