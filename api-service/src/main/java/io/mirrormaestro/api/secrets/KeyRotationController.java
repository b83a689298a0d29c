package io.mirrormaestro.api.secrets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the at-rest key rotation stands: secrets under the current key, left under the previous one, unreadable. */
@RestController
class KeyRotationController {

    private final KeyRotation rotation;

    KeyRotationController(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @GetMapping("/api/ops/key-rotation")
    KeyRotation.Status status() {
        return rotation.status();
    }
}
