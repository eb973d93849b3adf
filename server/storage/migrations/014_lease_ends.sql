-- Each quota lease carries its own end (issue: pass 41). A lease used to hold only its last save (`active_at`),
-- and every process counted it live while that was after its own now − VLAB_QUOTA_LEASE_SECONDS: a process started
-- with a shorter setting lapsed the others' leases and gave their slots away. Now the process that takes or renews
-- a lease writes when it ends, and every process counts the same leases (`lease_ends_at` > now). NULL still means
-- held for good (a complete) and LAPSED_MARK a lease a count already left out. A lease taken before this migration
-- is given the default lease of two hours from its last save (the setting then in use is not in the database); the
-- next save renews it with the saving process's setting. The index on (wave, variable, level, ·) follows the rename.
ALTER TABLE quota_slots RENAME COLUMN active_at TO lease_ends_at;
UPDATE quota_slots SET lease_ends_at = strftime('%Y-%m-%dT%H:%M:%fZ', lease_ends_at, '+7200 seconds')
 WHERE lease_ends_at > '1970-01-01T00:00:00.000Z';
