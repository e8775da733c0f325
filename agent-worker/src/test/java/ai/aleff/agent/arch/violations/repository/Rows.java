package ai.aleff.agent.arch.violations.repository;

import ai.aleff.agent.arch.violations.billing.Billing;

/** A repository that reaches up into a service: what the layering rules must refuse. */
public final class Rows {

    public String owner() {
        return Billing.class.getSimpleName();
    }
}
