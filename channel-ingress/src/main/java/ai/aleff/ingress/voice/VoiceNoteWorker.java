package ai.aleff.ingress.voice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import ai.aleff.contracts.events.AssistantConfiguration.Transcription;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.service.MessageIntake;
import ai.aleff.ingress.service.NewMessage;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * Transcribes recorded voice notes, on virtual threads, away from the webhook: claims due notes
 * ({@link VoiceNotes#claim}), downloads each ({@link AudioFetcher}), transcribes it ({@link TranscriptionClient}) and
 * publishes the transcript as the note's {@link MessageReceived} under the id reserved by the webhook, then marks it
 * DONE. A crash after the publish and before DONE publishes the same event again once the lease runs out, which every
 * consumer drops on the event id. Failures are retried with a doubling backoff up to
 * {@link VoiceSettings#maxAttempts()}, then (or at once when retrying cannot help) the user is told.
 */
@ApplicationScoped
public class VoiceNoteWorker {

    private static final Logger LOG = Logger.getLogger(VoiceNoteWorker.class);
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    private final VoiceNotes notes;
    private final AudioFetcher fetcher;
    private final TranscriptionClient transcriber;
    private final VoiceReplies replies;
    private final MessageIntake intake;
    private final ChannelConnections connections;
    private final TenantDirectory tenants;
    private final VoiceSettings settings;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("voice-note-", 0).factory());
    private volatile boolean running;
    private Thread loop;

    public VoiceNoteWorker(VoiceNotes notes, AudioFetcher fetcher, TranscriptionClient transcriber,
            VoiceReplies replies, MessageIntake intake, ChannelConnections connections, TenantDirectory tenants,
            VoiceSettings settings) {
        this.notes = notes;
        this.fetcher = fetcher;
        this.transcriber = transcriber;
        this.replies = replies;
        this.intake = intake;
        this.connections = connections;
        this.tenants = tenants;
        this.settings = settings;
    }

    void start(@Observes StartupEvent started) {
        if (!settings.workerEnabled()) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("voice-note-claims").start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        threads.shutdownNow();
    }

    private void run() {
        while (running) {
            try {
                List<VoiceNote> claimed = notes.claim(settings.batchSize(), settings.lease()).await().atMost(DB_WAIT);
                List<Future<?>> work = claimed.stream().<Future<?>>map(n -> threads.submit(() -> handle(n))).toList();
                for (Future<?> f : work) {
                    f.get();
                }
                if (claimed.isEmpty()) {
                    Thread.sleep(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Claiming voice notes failed (%s); trying again", e.getClass().getSimpleName());
                try {
                    Thread.sleep(settings.pollInterval());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One claimed note, to DONE, FAILED or back to PENDING; never throws. */
    void handle(VoiceNote note) {
        try {
            Optional<ChannelConnection> connection = connections.find(note.connectionId()).await().atMost(DB_WAIT);
            if (connection.isEmpty() || !connection.get().tenantId().equals(note.tenantId())) {
                // Deleted since: there is nobody to answer through.
                notes.done(note, "FAILED").await().atMost(DB_WAIT);
                return;
            }
            Transcription transcription = tenants.find(note.tenantId()).map(TenantView::transcription).orElse(null);
            if (transcription == null) {
                answer(note, VoiceReplies.Reason.NOT_ENABLED, "DONE");
                return;
            }
            Audio audio = fetcher.fetch(connection.get(), note);
            String transcript = transcriber.transcribe(note.tenantId(), transcription, audio);
            String text = text(transcript, note.caption());
            if (text.isBlank()) {
                answer(note, VoiceReplies.Reason.FAILED, "FAILED");
                return;
            }
            intake.publishAs(note.messageId(), new NewMessage(note.tenantId(), note.conversationId(), note.userId(),
                    note.channel(), note.clientMessageId(), text, true)).await().atMost(DB_WAIT);
            notes.done(note, "DONE").await().atMost(DB_WAIT);
            LOG.debugf("Voice note %s of tenant %s transcribed (%d bytes)", note.messageId(), note.tenantId(),
                    audio.bytes().length);
        } catch (AudioTooLargeException e) {
            try {
                answer(note, VoiceReplies.Reason.TOO_LARGE, "DONE");
            } catch (RuntimeException notPublished) {
                failed(note, notPublished);
            }
        } catch (RuntimeException e) {
            failed(note, e);
        }
    }

    private void failed(VoiceNote note, RuntimeException e) {
        // VoiceFailure's message names a step and a status; anything else only by its class (a URL may carry a token).
        String why = e instanceof VoiceFailure ? e.getMessage() : e.getClass().getSimpleName();
        boolean permanent = e instanceof VoiceFailure f && f.permanent();
        try {
            if (permanent || note.attempts() >= settings.maxAttempts()) {
                LOG.infof("Voice note %s of tenant %s failed after %d attempt(s): %s", note.messageId(),
                        note.tenantId(), note.attempts(), why);
                answer(note, VoiceReplies.Reason.FAILED, "FAILED");
                return;
            }
            Duration wait = VoiceBackoff.after(note.attempts(), settings.firstBackoff(), settings.maxBackoff());
            LOG.debugf("Voice note %s attempt %d failed (%s); next in %s", note.messageId(), note.attempts(), why,
                    wait);
            notes.retryAt(note, Instant.now().plus(wait), why).await().atMost(DB_WAIT);
        } catch (RuntimeException again) {
            // The lease runs out and another claim tries again.
            LOG.warnf("Voice note %s could not be settled (%s)", note.messageId(), again.getClass().getSimpleName());
        }
    }

    private void answer(VoiceNote note, VoiceReplies.Reason reason, String state) {
        replies.answer(note.tenantId(), note.conversationId(), note.messageId(), note.channel(), reason)
                .await()
                .atMost(DB_WAIT);
        notes.done(note, state).await().atMost(DB_WAIT);
    }

    /** The transcript, after the note's caption when it has one, cut to the event's limit. */
    static String text(String transcript, String caption) {
        String text = caption == null || caption.isBlank() ? transcript : caption.strip() + "\n\n" + transcript;
        if (text.length() > MessageReceived.MAX_TEXT_LENGTH) {
            int end = MessageReceived.MAX_TEXT_LENGTH;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end);
        }
        return text;
    }
}
