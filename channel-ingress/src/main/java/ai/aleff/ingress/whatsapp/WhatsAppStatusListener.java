package ai.aleff.ingress.whatsapp;

import java.util.List;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;

/**
 * Takes the delivery statuses WhatsApp reports on the webhook (a bean implementing this, e.g. the delivery
 * component's status recorder). The webhook answers 200 only after every listener's Uni completed, so a failing
 * listener gets the batch again from Meta's retry; a listener must therefore be idempotent (Meta repeats statuses).
 * Without a listener the statuses are counted and dropped.
 */
public interface WhatsAppStatusListener {

    Uni<Void> statuses(ChannelConnection connection, List<WhatsAppStatus> statuses);
}
