/**
 * What a bearer token of the pipeline carries, shared by deletion-api (which checks tokens) and the local stack and
 * tests (which mint them).
 */
package dev.deletionpipeline.common.auth;
