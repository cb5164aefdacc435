/**
 * Bearer-JWT security shared by the operator services (deletion-worker, reconciler): one auto-configuration that
 * verifies tokens (HS256 secret or JWKS), maps the {@code roles} claim to {@code ROLE_*} authorities, lets only admins
 * call {@code /v1/**} and answers 401/403 as {@code application/problem+json}. A service only adds the dependency and
 * lists {@code deletion.security.*} in its application.yml. deletion-api has its own, richer configuration (owner
 * sessions), so it does not use this module.
 */
package dev.deletionpipeline.security;
