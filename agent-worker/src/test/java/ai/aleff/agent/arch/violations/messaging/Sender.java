package ai.aleff.agent.arch.violations.messaging;

/** The messaging edge of the violating fixture. */
public final class Sender {

    public String send() {
        return "sent";
    }
}
