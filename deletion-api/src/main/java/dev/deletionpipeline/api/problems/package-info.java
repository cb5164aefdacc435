/**
 * Every error of deletion-api as {@code application/problem+json} (RFC 9457, Spring's {@code ProblemDetail}): the
 * exceptions features throw for "not found" and "conflict", the advice that turns those and Spring's own exceptions
 * into problems (naming the field at fault for bad input, never a 5xx for it), and the writer that security and the
 * request filters use for problems raised before a controller runs.
 */
package dev.deletionpipeline.api.problems;
