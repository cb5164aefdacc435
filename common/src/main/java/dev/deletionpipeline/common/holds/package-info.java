/**
 * Legal holds: what a hold covers and how its placement and release are audited. The holds themselves live in the
 * {@code legal_holds} table (migration V10), whose {@code active_holds_on(owner, calendar, block, now)} and
 * {@code block_held(...)} functions are the one test of "held" that every service's SQL uses.
 */
package dev.deletionpipeline.common.holds;
