/**
 * Operators' endpoints under {@code /v1/admin} (admin role only): anyone's blocks including deleted ones, owner
 * accounts (create, read) and the restore of a withdrawn account on the owner's behalf.
 */
package dev.deletionpipeline.api.admin;
