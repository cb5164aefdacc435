package dev.deletionpipeline.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BlockStateTest {

    private static final Pattern CHECK =
            Pattern.compile("blocks_deletion_state_ck check \\(deletion_state in \\(([^)]*)\\)");

    @Test
    void theStatesAreTheOnesTheSchemaAllows() throws IOException {
        Matcher check = CHECK.matcher(migration("V1__schema.sql"));

        assertThat(check.find()).isTrue();
        assertThat(Arrays.stream(check.group(1).split(","))
                        .map(value -> value.trim().replace("'", "")))
                .containsExactly(
                        Arrays.stream(BlockState.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void aNullColumnIsALiveBlock() {
        assertThat(BlockState.ofColumn(null)).isNull();
        assertThat(BlockState.ofColumn("CLAIMED")).isEqualTo(BlockState.CLAIMED);
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = BlockStateTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
