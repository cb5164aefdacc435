package dev.deletionpipeline.api.restore;

import dev.deletionpipeline.api.deletions.Deletion;
import dev.deletionpipeline.api.deletions.DeletionKind;
import dev.deletionpipeline.api.deletions.Deletions;
import dev.deletionpipeline.api.problems.ConflictException;
import dev.deletionpipeline.api.problems.NotFoundException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Restores the deletion that removed one of the owner's blocks. Repeating a successful restore answers the same
 * result again; a block removed by an account withdrawal comes back only with the account.
 */
@Service
class RestoreService {

    private record BlockRef(UUID deletionId, String deletionState) {}

    private final JdbcClient jdbc;
    private final Deletions deletions;
    private final DeletionRestorer restorer;

    RestoreService(JdbcClient jdbc, Deletions deletions, DeletionRestorer restorer) {
        this.jdbc = jdbc;
        this.deletions = deletions;
        this.restorer = restorer;
    }

    @Transactional
    public RestoreResult restoreBlock(UUID owner, UUID blockId) {
        BlockRef block = jdbc.sql("SELECT deletion_id, deletion_state FROM blocks WHERE id = :id AND owner_id = :owner")
                .param("id", blockId)
                .param("owner", owner)
                .query((rs, row) ->
                        new BlockRef(rs.getObject("deletion_id", UUID.class), rs.getString("deletion_state")))
                .optional()
                .orElseThrow(() -> goneOrUnknown(owner, blockId));
        Deletion deletion = block.deletionId() == null
                ? null
                : deletions.find(block.deletionId()).orElse(null);
        if (deletion == null || (block.deletionState() == null && deletion.restoredAt() == null)) {
            throw new ConflictException("Block " + blockId + " is not deleted.");
        }
        if (block.deletionState() == null) {
            return new RestoreResult(deletion.id(), deletion.blockCount(), deletion.restoredAt());
        }
        if (deletion.kind() == DeletionKind.WITHDRAWAL) {
            throw new ConflictException("This block was removed with the account withdrawal; restore the account.");
        }
        return restorer.restore(deletion, true);
    }

    private RuntimeException goneOrUnknown(UUID owner, UUID blockId) {
        int receipts = jdbc.sql("SELECT count(*) FROM deletion_receipts WHERE block_id = :id AND owner_id = :owner")
                .param("id", blockId)
                .param("owner", owner)
                .query(Integer.class)
                .single();
        return receipts > 0
                ? new ConflictException("Block " + blockId + " is already deleted for good; it cannot be restored.")
                : new NotFoundException("No block " + blockId + " of this owner.");
    }
}
