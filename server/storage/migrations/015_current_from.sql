-- The definitions folder whose sync made each current snapshot current (host:absolute path; NULL before this
-- migration). Processes started on different folders (two hosts, one behind) made their own content current again
-- at every start, taking turns; a folder back at earlier content now makes it current again only where that same
-- folder made the current one, or by `vlab study sync` (study-service.ts, pass 41).
ALTER TABLE studies ADD COLUMN current_from TEXT;
