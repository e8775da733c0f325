package ai.aleff.ingress.delivery;

/** A reply that cannot be delivered: its record goes to the dead-letter topic, after a {@code delivery.failed}. */
public class DeliveryFailedException extends RuntimeException {

    public DeliveryFailedException(String message) {
        super(message);
    }
}
