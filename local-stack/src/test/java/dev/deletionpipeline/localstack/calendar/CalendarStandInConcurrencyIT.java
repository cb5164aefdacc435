package dev.deletionpipeline.localstack.calendar;

import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.calendar.Calendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CalendarStandInConcurrencyIT {

    private static final int CALLERS = 16;
    private static final int EVENTS_PER_CALLER = 100;

    @Test
    void concurrentCallersEachGetTheirAnswerAndEveryCallIsLoggedOnce() throws Exception {
        try (CalendarStandIn standIn = CalendarStandIn.start()) {
            Calendar calendar = GoogleCalendarClients.calendar(standIn);
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                List<CompletableFuture<Void>> runs = new ArrayList<>();
                for (int caller = 0; caller < CALLERS; caller++) {
                    String calendarId = "user" + caller + "@example.com";
                    runs.add(CompletableFuture.runAsync(() -> insertAndDelete(calendar, calendarId), callers));
                }
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
            } finally {
                callers.shutdownNow();
            }

            List<CallRecord> calls = standIn.calls();
            assertThat(calls).hasSize(2 * CALLERS * EVENTS_PER_CALLER);
            assertThat(calls)
                    .extracting(CallRecord::sequence)
                    .doesNotHaveDuplicates()
                    .isSorted();
            assertThat(calls)
                    .filteredOn(call -> call.method().equals("DELETE"))
                    .extracting(CallRecord::status)
                    .containsOnly(204);
            assertThat(standIn.events()).hasSize(CALLERS * EVENTS_PER_CALLER).allMatch(StandInEvent::deleted);
        }
    }

    private static void insertAndDelete(Calendar calendar, String calendarId) {
        try {
            for (int i = 0; i < EVENTS_PER_CALLER; i++) {
                String id = calendar.events()
                        .insert(calendarId, meeting("e" + i))
                        .execute()
                        .getId();
                calendar.events().delete(calendarId, id).execute();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
