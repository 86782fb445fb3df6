package org.vafa.api.rest;

/**
 * An RFC 9457 problem that a REST route throws to answer the client with
 * {@code application/problem+json}. The platform turns it into the response; nothing the route
 * started is committed if it threw inside its transaction.
 */
public class Problem extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;

    public Problem(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** 400: the named field of the request is missing or wrong. */
    public static Problem invalidField(String field, String detail) {
        return new Problem(400, "Invalid request", detail, field);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail, null);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail, null);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The offending request field (a JSON pointer-like path such as {@code lines[2].sku}), or null. */
    public String field() {
        return field;
    }
}
