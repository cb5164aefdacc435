package dev.deletionpipeline.worker.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.services.calendar.model.Event;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.localstack.calendar.AuthMode;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Service-account delegation: the worker reads a service account's JSON key (a freshly generated RSA key pair),
 * signs a JWT-bearer assertion with {@code sub} = the owner's stored subject, and the stand-in's token endpoint
 * verifies it with the public key and issues a token of that subject, which the calendar calls then carry. The private
 * key never appears in the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceAccountDelegationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String SERVICE_ACCOUNT = "deletion-worker@deletion-pipeline-it.iam.gserviceaccount.com";
    private static final KeyPair KEY = rsaKeyPair();
    private static final String PRIVATE_KEY_BASE64 =
            Base64.getEncoder().encodeToString(KEY.getPrivate().getEncoded());

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(ServiceAccountDelegationIT.class)
            .standIn(CalendarStandInSettings.builder().authMode(AuthMode.BEARER).build())
            .workerSettings(Map.of(
                    "deletion.worker.credentials.mode",
                    "SERVICE_ACCOUNT",
                    "deletion.worker.credentials.service-account-key-file",
                    writeKeyFile()))
            .withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @BeforeAll
    static void googleKnowsTheServiceAccount() {
        standIn.registerServiceAccount(SERVICE_ACCOUNT, (RSAPublicKey) KEY.getPublic());
    }

    @Test
    void deletesWithATokenIssuedForTheOwnersSubject(CapturedOutput output) {
        UUID owner = pipeline.newOwner();
        String subject = delegateTo(owner);
        UUID otherOwner = pipeline.newOwner();
        String otherSubject = delegateTo(otherOwner);
        Block block = syncedBlock(owner, subject);
        Block otherBlock = syncedBlock(otherOwner, otherSubject);

        pipeline.publishSoftDeleted(block);
        pipeline.publishSoftDeleted(otherBlock);

        await().atMost(PATIENCE).until(() -> !pipeline.exists(block.id()) && !pipeline.exists(otherBlock.id()));
        assertThat(pipeline.confirmations(block.id()))
                .singleElement()
                .satisfies(confirmation -> assertThat(confirmation.outcome()).isEqualTo(HardDeleteOutcome.DELETED));
        CallRecord delete = onlyDelete(block.googleEventId());
        assertThat(delete.status()).isEqualTo(204);
        assertThat(delete.user()).isEqualTo(subject);
        assertThat(onlyDelete(otherBlock.googleEventId()).user()).isEqualTo(otherSubject);
        List<CallRecord> tokenRequests = standIn.calls().stream()
                .filter(call -> call.path().equals("/token"))
                .toList();
        assertThat(tokenRequests)
                .filteredOn(call -> subject.equals(call.user()))
                .singleElement()
                .satisfies(call -> assertThat(call.status()).isEqualTo(200))
                .satisfies(call -> assertThat(call.sequence()).isLessThan(delete.sequence()));
        assertThat(tokenRequests).extracting(CallRecord::user).contains(otherSubject);
        assertThat(output.getAll())
                .doesNotContain(PRIVATE_KEY_BASE64.substring(100, 164))
                .doesNotContain("BEGIN PRIVATE KEY")
                .doesNotContain("ya29.");
    }

    @Test
    void ownerWithoutADelegationSubjectIsDeadLetteredWithoutCallingGoogle() {
        UUID owner = pipeline.newOwner();
        String calendar = "no-subject-" + owner + "@example.com";
        Block block = syncedBlock(owner, calendar);

        pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        assertThat(pipeline.failureReason(block.id())).startsWith("GOOGLE_CREDENTIAL_MISSING");
        assertThat(events.deletes(block.googleEventId())).isEmpty();
    }

    /** The owner's row of google_credentials: impersonate its Google user, whose primary calendar is its address. */
    private static String delegateTo(UUID owner) {
        String subject = "owner-" + owner + "@example.com";
        pipeline.jdbc()
                .update(
                        "insert into google_credentials (owner_id, kind, subject)"
                                + " values (?, 'SERVICE_ACCOUNT_DELEGATION', ?)",
                        owner,
                        subject);
        return subject;
    }

    private static Block syncedBlock(UUID owner, String calendar) {
        String eventId = events.insert(
                calendar, new Event().setId(StandInEvents.newEventId()), standIn.issueAccessToken(calendar));
        return pipeline.softDeleted(owner, calendar, eventId, Instant.now().minusSeconds(1));
    }

    private static CallRecord onlyDelete(String eventId) {
        return assertThat(events.deletes(eventId)).singleElement().actual();
    }

    /** A service account key in Google's JSON format, written under target/ (the worker reads it at start). */
    private static String writeKeyFile() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("type", "service_account")
                .put("project_id", "deletion-pipeline-it")
                .put("private_key_id", "it-key-1")
                .put("private_key", pem)
                .put("client_email", SERVICE_ACCOUNT)
                .put("client_id", "100000000000000000001")
                .put("token_uri", "https://oauth2.googleapis.com/token");
        try {
            Path directory = Files.createDirectories(Path.of("target", "service-account-it"));
            Path file = Files.createTempFile(directory, "key", ".json");
            Files.write(file, EventJson.mapper().writeValueAsBytes(json));
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
