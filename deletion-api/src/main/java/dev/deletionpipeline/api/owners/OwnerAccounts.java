package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and reads owner accounts. A handle held by a live account is refused (partial unique index, 409); one held
 * only by withdrawn accounts is free to take.
 */
@Service
public class OwnerAccounts {

    private final Owners owners;
    private final Clock clock;

    OwnerAccounts(Owners owners, Clock clock) {
        this.owners = owners;
        this.clock = clock;
    }

    @Transactional
    public OwnerView create(CreateOwnerRequest request) {
        return OwnerView.of(owners.insert(
                Owner.created(UUID.randomUUID(), request.handle(), request.displayName(), SqlTime.now(clock))));
    }

    public OwnerView get(UUID id) {
        return owners.findById(id).map(OwnerView::of).orElseThrow(() -> new NotFoundException("No owner " + id + "."));
    }
}
