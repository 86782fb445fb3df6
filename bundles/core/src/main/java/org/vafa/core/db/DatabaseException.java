package org.vafa.core.db;

import java.sql.SQLException;

/** An SQLException from the platform's own tables, unchecked. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
