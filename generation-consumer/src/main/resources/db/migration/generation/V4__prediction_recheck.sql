-- Set by a webhook that found its prediction leased (the listener or a poll is acting on it and will reschedule it):
-- whoever holds the lease then polls again at once rather than at its planned time, so the webhook's news (often
-- the result, right after a progress webhook) does not wait for the safety-net poll.
ALTER TABLE prediction ADD COLUMN recheck boolean NOT NULL DEFAULT false;
