package dev.deletionpipeline.api.restore;

import dev.deletionpipeline.api.security.Caller;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/blocks/{id}/restore}: 200 with the restored deletion, 409 when it can no longer be restored. */
@RestController
class RestoreController {

    private final RestoreService service;

    RestoreController(RestoreService service) {
        this.service = service;
    }

    @PostMapping("/v1/blocks/{id}/restore")
    RestoreResult restore(Caller caller, @PathVariable UUID id) {
        return service.restoreBlock(caller.requireOwner(), id);
    }
}
