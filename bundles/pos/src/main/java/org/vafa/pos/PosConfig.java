package org.vafa.pos;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.pos}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa POS", description = "Cash registers: sales and refunds through the club")
public @interface PosConfig {

    @AttributeDefinition(description = "When a refund gives back the vouchers the sale used: full (when the whole sale is"
            + " refunded), always, never")
    String releaseVouchersOnRefund() default "full";

    @AttributeDefinition(description = "A sale left PENDING (its register went away mid-sale) is completed by the recovery"
            + " route once it is this many seconds old")
    int recoverPendingAfterSeconds() default 60;
}
