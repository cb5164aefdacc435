/**
 * Bearer-JWT security shared by the three services: one auto-configuration that verifies tokens (HS256 secret or
 * JWKS; expiry, {@code iss} and {@code aud}), maps the {@code roles} claim to {@code ROLE_*} authorities, and answers
 * refusals as {@code application/problem+json}: 401/403, the firewall's 400s and Tomcat's own. Its filter chain, admin
 * only on {@code /v1/**}, is the operator services' (deletion-worker, reconciler); deletion-api declares its own,
 * richer one (owner sessions) on the same decoder. {@link dev.deletionpipeline.security.TokenSettingsCheck} stops a
 * service before it starts with unsafe token settings unless the {@code local} profile is active, whose values live
 * in {@code deletion-security-local.yml}. A service adds the dependency, imports that file and lists
 * {@code deletion.security.*} in its application.yml.
 */
package dev.deletionpipeline.security;
