package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.api.support.Inserts;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/** The {@link Owner} aggregates in {@code owners}; also deletes an owner's {@code session_tokens}. */
interface Owners extends Repository<Owner, UUID>, Inserts<Owner> {

    Optional<Owner> findById(UUID id);

    /** The owner, locked until the end of the transaction, so that withdrawal, restore and purge serialise. */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Owner> findLockedById(UUID id);

    Owner save(Owner owner);

    /** The next withdrawn owner past the window whose purge has not started; skips owners another instance holds. */
    @Query("""
            SELECT * FROM owners
             WHERE deleted_at IS NOT NULL AND purge_started_at IS NULL AND purge_after <= :now
             ORDER BY purge_after LIMIT 1 FOR UPDATE SKIP LOCKED
            """)
    Optional<Owner> lockNextDue(Instant now);

    boolean existsByHandleAndDeletedAtIsNullAndIdNot(String handle, UUID id);

    @Modifying
    @Query("DELETE FROM session_tokens WHERE owner_id = :ownerId")
    int deleteSessions(UUID ownerId);

    /** Hard-deletes purged owners none of whose blocks is left (credentials and sessions go with them). */
    @Modifying
    @Query("""
            DELETE FROM owners o
             WHERE o.purge_started_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.owner_id = o.id)
            """)
    int deletePurgedWithoutBlocks();
}
