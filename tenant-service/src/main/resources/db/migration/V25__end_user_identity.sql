-- How a tenant's end users are verified (docs/security.md, "End users: what each channel vouches for"): its identity
-- secret, encrypted with the platform key (AES-256-GCM, never stored in plain text), and whether memory tools act for
-- unverified users in one-to-one conversations (off unless the tenant turns it on).
ALTER TABLE tenant.tenants
    ADD COLUMN identity_secret_key_id      varchar(64),
    ADD COLUMN identity_secret_ciphertext  text,
    ADD COLUMN identity_secret_hint        varchar(4),
    ADD COLUMN identity_secret_created_at  timestamptz,
    ADD COLUMN unverified_memory_one_to_one boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT identity_secret_complete CHECK ((identity_secret_ciphertext IS NULL)
        = (identity_secret_key_id IS NULL) AND (identity_secret_ciphertext IS NULL)
        = (identity_secret_created_at IS NULL));
