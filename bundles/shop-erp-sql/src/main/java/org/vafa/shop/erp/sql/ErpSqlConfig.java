package org.vafa.shop.erp.sql;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.shop.erp.sql}: the ERP's database, read by routes/erp-sql-stock.camel.yaml once {@code url} is set. */
@ObjectClassDefinition(name = "Vafa shop: ERP stock table", description = "The ERP database whose stock table the shop reads")
public @interface ErpSqlConfig {

    @AttributeDefinition(description = "JDBC address of the ERP's database: jdbc:mariadb://host:3306/erp, jdbc:mysql://... or"
            + " jdbc:postgresql://...")
    String url();

    @AttributeDefinition(description = "User (one that may only read the stock table is enough)")
    String user();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password (never logged)")
    String password() default "";

    @AttributeDefinition(description = "Connections kept open to the ERP")
    int poolSize() default 2;
}
