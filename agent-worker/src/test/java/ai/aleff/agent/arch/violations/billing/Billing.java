package ai.aleff.agent.arch.violations.billing;

import ai.aleff.agent.arch.violations.messaging.Sender;
import ai.aleff.agent.arch.violations.repository.Rows;

/** A service that uses the messaging edge directly and closes a cycle with its repository. */
public final class Billing {

    private final Rows rows = new Rows();
    private final Sender sender = new Sender();

    public String run() {
        return rows.owner() + sender.send();
    }
}
