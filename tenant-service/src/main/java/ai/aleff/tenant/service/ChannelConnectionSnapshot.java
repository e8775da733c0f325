package ai.aleff.tenant.service;

import java.util.List;

import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;

/**
 * What the admin audit records of a connection: the names of its credentials, never one of them or a hint.
 */
record ChannelConnectionSnapshot(String connectionId, Type type, String displayName, Status status, Mode mode,
        Settings settings, Account account, List<String> credentials, long version) {
}
