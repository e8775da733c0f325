-- Who spoke: the end user whose turn wrote each history entry, so a conversation several users share can label their
-- messages and keep one user's memory tool results from another's turns (docs/security.md, "End users"). Older rows
-- take it from their turn; the row-level security policies of V12 cover the new column as they cover the row.
ALTER TABLE history ADD COLUMN user_id TEXT;

UPDATE history h SET user_id = NULLIF(t.user_id, '') FROM turn t WHERE t.turn_id = h.turn_id;
