-- Whether the channel vouched for the turn's user (MessageReceived.userVerified): memory tools act only for verified
-- users, or in one-to-one conversations of tenants that allow unverified ones (docs/security.md, "End users"). Turns
-- from before the column existed count as unverified.
ALTER TABLE turn ADD COLUMN user_verified BOOLEAN NOT NULL DEFAULT false;
