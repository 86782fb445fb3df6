package org.vafa.shop.torob;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.shop.torob}: the catalogue is served to Torob once these are set. */
@ObjectClassDefinition(name = "Vafa shop: Torob feed", description = "The catalogue served to the Torob price-comparison site (its product API v3)")
public @interface TorobConfig {

    @AttributeDefinition(description = "Torob's public key for its request tokens (Ed25519, PEM or the base64 inside it), as Torob's token"
            + " guide gives it")
    String publicKey();

    @AttributeDefinition(description = "The shop's host name as Torob's tokens name it (their aud claim), e.g. shop.example.com")
    String audience();

    @AttributeDefinition(description = "A product's page on the storefront, {sku} standing for its SKU, e.g."
            + " https://shop.example.com/product/{sku}")
    String productUrl();
}
