-- The last save applied from each page session of a participant (server/services/respondent-service.ts savePartial):
-- the page numbers its saves, and a save numbered below one already applied from the same page session is older
-- than what the server holds (a keepalive save that overtook an ordinary one still in flight, or a retry that
-- arrived late) and changes nothing. One row per page load that saved; a page session is a random id the page
-- makes, so two tabs or devices never compare their numbers. Numbered in step with migrations/013 (SQLite).
CREATE TABLE save_sequences (
  participant_id INTEGER NOT NULL REFERENCES participants (id),
  page_session   TEXT    NOT NULL,
  last_sequence  BIGINT  NOT NULL CHECK (last_sequence >= 1),
  PRIMARY KEY (participant_id, page_session)
);
