package dev.deletionpipeline.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enums that name the values of a {@code blocks} column allow exactly what the column's CHECK constraint does. */
class ColumnValuesTest {

    @Test
    void blockStatesAreTheOnesTheSchemaAllows() throws IOException {
        assertThat(allowedBy("blocks_deletion_state_ck")).containsExactly(names(BlockState.values()));
    }

    @Test
    void itemStatusesAreTheOnesTheSchemaAllows() throws IOException {
        assertThat(allowedBy("blocks_item_status_ck")).containsExactly(names(ItemStatus.values()));
    }

    @Test
    void blockKindsAreTheOnesTheSchemaAllows() throws IOException {
        assertThat(allowedBy("blocks_kind_ck")).containsExactly(names(BlockKind.values()));
    }

    @Test
    void aNullDeletionStateIsALiveBlock() {
        assertThat(BlockState.ofColumn(null)).isNull();
        assertThat(BlockState.ofColumn("CLAIMED")).isEqualTo(BlockState.CLAIMED);
    }

    private static String[] allowedBy(String constraint) throws IOException {
        Matcher check =
                Pattern.compile(constraint + " check \\(\\w+ in \\(([^)]*)\\)").matcher(migration("V1__schema.sql"));
        assertThat(check.find()).as(constraint).isTrue();
        return Arrays.stream(check.group(1).split(","))
                .map(value -> value.trim().replace("'", ""))
                .toArray(String[]::new);
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = ColumnValuesTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
