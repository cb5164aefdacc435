package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.api.deletions.DeletionAccepted;
import dev.deletionpipeline.api.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own account: {@code GET /v1/owners/me}, {@code DELETE /v1/owners/me} (withdrawal, 202) and {@code
 * POST /v1/owners/me/restore}. The withdrawal deletes the caller's sessions, so the restore needs a new session: the
 * owner signs in again (the sign-in service writes a new {@code session_tokens} row), and with that token only these
 * endpoints answer until the account is restored.
 */
@RestController
class OwnerController {

    private final OwnerAccounts accounts;
    private final WithdrawalService withdrawals;

    OwnerController(OwnerAccounts accounts, WithdrawalService withdrawals) {
        this.accounts = accounts;
        this.withdrawals = withdrawals;
    }

    @GetMapping("/v1/owners/me")
    OwnerView me(Caller caller) {
        return accounts.get(caller.requireOwner());
    }

    @DeleteMapping("/v1/owners/me")
    ResponseEntity<DeletionAccepted> withdraw(Caller caller) {
        return ResponseEntity.accepted().body(withdrawals.withdraw(caller.requireOwner(), caller.auditName()));
    }

    @PostMapping("/v1/owners/me/restore")
    OwnerView restore(Caller caller) {
        return withdrawals.restore(caller.requireOwner());
    }
}
