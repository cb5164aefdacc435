/**
 * Google credentials per owner, pluggable by configuration: none (the local stand-in), the owner's OAuth2 refresh
 * token (table {@code google_credentials}, AES-GCM at rest, exchanged at a configurable token endpoint), or a service
 * account impersonating the owner. Token values are never logged.
 */
package dev.deletionpipeline.worker.credentials;
