package dev.deletionpipeline.api.blocks;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.sql.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one entry point for reading blocks. The caller says which rows it wants ({@link Include}); the default,
 * {@link Include#LIVE}, reads the {@code visible_blocks} view, so a soft-deleted block cannot leak into a listing
 * through a query that forgot a {@code WHERE}. Reads {@code visible_blocks} and {@code blocks}.
 */
@Component
public class BlockReader {

    private static final String SELECT =
            "SELECT b.*, b.google_event_data ->> 'recurringEventId' AS recurring_event_id FROM ";

    private final JdbcClient jdbc;

    BlockReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One block; {@code owner} empty means any owner (admins). */
    public Optional<BlockView> find(Optional<UUID> owner, UUID id, Include include) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        String where = "b.id = :id" + ownerCondition(owner, params);
        return jdbc.sql(SELECT + include.source() + " b WHERE " + where)
                .params(params)
                .query(BlockReader::map)
                .optional();
    }

    /** A page of blocks, optionally of one owner and one calendar, ordered by creation. */
    public BlockPage list(Optional<UUID> owner, Optional<String> calendarId, Include include, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        List<String> conditions = new ArrayList<>(List.of("TRUE"));
        owner.ifPresent(o -> {
            conditions.add("b.owner_id = :owner");
            params.put("owner", o);
        });
        calendarId.ifPresent(c -> {
            conditions.add("b.calendar_id = :calendar");
            params.put("calendar", c);
        });
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<BlockView> items = jdbc.sql(SELECT + include.source() + " b WHERE " + String.join(" AND ", conditions)
                        + " ORDER BY b.created_at, b.id LIMIT :size OFFSET :offset")
                .params(params)
                .query(BlockReader::map)
                .list();
        return new BlockPage(items, page, size);
    }

    private static String ownerCondition(Optional<UUID> owner, Map<String, Object> params) {
        owner.ifPresent(o -> params.put("owner", o));
        return owner.isPresent() ? " AND b.owner_id = :owner" : "";
    }

    private static BlockView map(ResultSet rs, int row) throws SQLException {
        return new BlockView(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getString("calendar_id"),
                BlockKind.valueOf(rs.getString("kind")),
                rs.getString("title"),
                SqlTime.instant(rs, "starts_at"),
                SqlTime.instant(rs, "ends_at"),
                rs.getString("google_event_id"),
                rs.getString("recurring_event_id"),
                rs.getObject("original_id", UUID.class),
                rs.getString("item_status"),
                SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "updated_at"),
                SqlTime.instant(rs, "deleted_at"),
                rs.getObject("deletion_id", UUID.class),
                rs.getString("deletion_state"),
                SqlTime.instant(rs, "purge_after"));
    }
}
