package dev.deletionpipeline.worker.redrive;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the admin API checks bearer tokens: the same JWTs deletion-api accepts.
 *
 * @param jwtSecret HS256 secret of locally minted tokens (never logged); ignored when a JWKS URI is set
 * @param jwkSetUri the issuer's JWKS URI in production; blank to use the secret
 * @param issuer the {@code iss} a token must carry; blank to accept any
 */
@ConfigurationProperties("deletion.worker.admin")
public record AdminSettings(String jwtSecret, String jwkSetUri, String issuer) {}
