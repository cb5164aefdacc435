package dev.deletionpipeline.worker.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptRecordTest {

    @Test
    void headersSurviveTheJsonColumnInOrderWithBinaryAndNullValues() throws SQLException {
        byte[] binary = {0, (byte) 0xff, (byte) 0x80, 10, 13, 0x7f};
        KeptRecord kept = new KeptRecord(
                "blocks.lifecycle.v1",
                2,
                42,
                "key",
                new byte[] {1},
                List.of(
                        new KeptRecord.Header("ce_type", "BlockSoftDeleted".getBytes(StandardCharsets.UTF_8)),
                        new KeptRecord.Header("binary", binary),
                        new KeptRecord.Header("empty", new byte[0]),
                        new KeptRecord.Header("none", null)));

        String json = kept.headersJson();
        ResultSet row = mock(ResultSet.class);
        when(row.getString("record_headers")).thenReturn(json);
        List<KeptRecord.Header> read = KeptRecord.read(row).headers();

        assertThat(json).contains("{\"name\":\"none\",\"value\":null}");
        assertThat(read).extracting(KeptRecord.Header::name).containsExactly("ce_type", "binary", "empty", "none");
        assertThat(read)
                .extracting(KeptRecord.Header::value)
                .containsExactly("BlockSoftDeleted".getBytes(StandardCharsets.UTF_8), binary, new byte[0], null);
    }
}
