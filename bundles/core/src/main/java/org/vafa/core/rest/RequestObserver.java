package org.vafa.core.rest;

/** Told of every REST request once it is answered (metrics). */
@FunctionalInterface
public interface RequestObserver {
    /**
     * @param area   the first part of the path after {@code /api} ({@code club}, {@code pos}, ...), {@code invalid} when the
     *               path was not one
     * @param status the HTTP status answered
     * @param nanos  from the request's arrival at the guard to its answer
     */
    void answered(String area, String method, int status, long nanos);
}
