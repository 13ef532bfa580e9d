-- Issue 17: mails in the reader's language. An account's language is the one of the pages it
-- last signed up or signed in from (mails about what others did — a decision, a queue item, the
-- yearly reminder — are written in it); a suggestion's or a report's, when it left an address,
-- the one of the page it was sent from (its one follow-up mail; forgotten with the address);
-- a mail's, the one it is written in (the administrators' outbox page marks it). French for
-- everything written before.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));
ALTER TABLE suggestions ADD COLUMN language TEXT CHECK (language IN ('fr', 'en'));
ALTER TABLE reports ADD COLUMN language TEXT CHECK (language IN ('fr', 'en'));
ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));
