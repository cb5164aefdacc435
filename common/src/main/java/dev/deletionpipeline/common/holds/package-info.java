/**
 * Legal holds: what a hold covers and how its placement and release are audited. The holds themselves live in the
 * {@code legal_holds} table (migration V10), whose {@code block_held(owner, calendar, block, now)} function is the one
 * test of "held" that every service's SQL uses.
 */
package dev.deletionpipeline.common.holds;
