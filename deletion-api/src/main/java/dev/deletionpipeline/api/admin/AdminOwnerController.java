package dev.deletionpipeline.api.admin;

import dev.deletionpipeline.api.owners.CreateOwnerRequest;
import dev.deletionpipeline.api.owners.OwnerAccounts;
import dev.deletionpipeline.api.owners.OwnerView;
import dev.deletionpipeline.api.owners.WithdrawalService;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/admin/owners} (create, 201), {@code GET /v1/admin/owners/{id}} and {@code POST
 * /v1/admin/owners/{id}/restore}: undo a withdrawal for an owner who cannot sign in, within the same window.
 */
@RestController
class AdminOwnerController {

    private final OwnerAccounts accounts;
    private final WithdrawalService withdrawals;

    AdminOwnerController(OwnerAccounts accounts, WithdrawalService withdrawals) {
        this.accounts = accounts;
        this.withdrawals = withdrawals;
    }

    @PostMapping("/v1/admin/owners")
    ResponseEntity<OwnerView> create(@Valid @RequestBody CreateOwnerRequest request) {
        OwnerView owner = accounts.create(request);
        return ResponseEntity.created(URI.create("/v1/admin/owners/" + owner.id()))
                .body(owner);
    }

    @GetMapping("/v1/admin/owners/{id}")
    OwnerView get(@PathVariable UUID id) {
        return accounts.get(id);
    }

    @PostMapping("/v1/admin/owners/{id}/restore")
    OwnerView restore(@PathVariable UUID id) {
        return withdrawals.restore(id);
    }
}
