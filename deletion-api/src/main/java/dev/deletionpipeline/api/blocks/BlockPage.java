package dev.deletionpipeline.api.blocks;

import java.util.List;

/** One page of a block listing, ordered by creation time. */
public record BlockPage(List<BlockView> items, int page, int size) {}
