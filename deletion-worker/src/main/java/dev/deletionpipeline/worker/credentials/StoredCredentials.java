package dev.deletionpipeline.worker.credentials;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads an owner's row of {@code google_credentials}; the worker never writes it. */
@Repository
class StoredCredentials {

    /** One owner's stored credential; the refresh token is still encrypted. */
    record Row(String kind, String subject, byte[] refreshTokenEncrypted) {}

    private final JdbcTemplate jdbc;

    StoredCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(UUID ownerId) {
        List<Row> rows = jdbc.query(
                "select kind, subject, refresh_token_encrypted from google_credentials where owner_id = ?",
                (row, n) -> new Row(
                        row.getString("kind"), row.getString("subject"), row.getBytes("refresh_token_encrypted")),
                ownerId);
        return rows.stream().findFirst();
    }
}
