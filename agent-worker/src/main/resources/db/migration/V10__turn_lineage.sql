-- Subagent runs are child turns of the turn that delegated to them: same conversation (lock, lane, event keys),
-- their own transcript (history rows under '<conversation>#<turn>'), and exactly one child per parent tool call.
ALTER TABLE turn ADD COLUMN parent_turn_id TEXT REFERENCES turn (turn_id);
ALTER TABLE turn ADD COLUMN parent_call_id TEXT REFERENCES tool_call (call_id);
ALTER TABLE turn ADD COLUMN depth INT NOT NULL DEFAULT 0;
ALTER TABLE turn ADD COLUMN subagent TEXT;
CREATE UNIQUE INDEX turn_parent_call ON turn (parent_call_id) WHERE parent_call_id IS NOT NULL;
CREATE INDEX turn_parent ON turn (parent_turn_id) WHERE parent_turn_id IS NOT NULL;
