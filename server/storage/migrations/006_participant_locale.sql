-- Studies in several languages (issue 13): the locale each participant takes the study in, chosen at start
-- from the link (?lang=) or the wave's default, and each wave's default locale. Every study before this
-- migration was in English only, so existing rows are 'en'.
ALTER TABLE participants ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE waves ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
