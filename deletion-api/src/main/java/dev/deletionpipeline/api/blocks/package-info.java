/**
 * Blocks over REST: create, read, list and delete ({@code /v1/blocks}). Every read goes through {@link
 * dev.deletionpipeline.api.blocks.BlockReader}, whose default source is the {@code visible_blocks} view, so that no
 * query can forget to hide deleted rows; {@code include=deleted|all} asks for them explicitly.
 */
package dev.deletionpipeline.api.blocks;
