-- The set-based ceiling of bench/batch.sh: what one import_batch call of 1,000 email-matched items
-- with a resource subscription writes, done in SQL without the service, on the service's own schema
-- (a copy of its migrated, seeded database). One transaction per batch:
--   - the search: the subscribers of the items' emails (the service's search reads them too), then
--     the profiles holding the items' emails (profile_unique_values), read whole and locked in id order;
--   - the first half of the items update a seeded profile of this client's partition (as
--     bench/import-batch.lua: client c owns seed-<c*10000+1>..seed-<c*10000+10000>, so clients never
--     wait for each other), their fields merged (jsonb ||) and their match keys rewritten;
--   - the second half create a profile: the profile row, its email's unique value, claimed in key order;
--   - a subscription of every item's email to the resource (ON CONFLICT DO NOTHING);
--   - COMMIT.
-- pgbench variables: db, resource (-D), client_id (pgbench's). Not done here that the service does:
-- the request's deduplication row and the tariff's read (one row each per batch).
\set slot random(0, 19)
\set base :client_id * 10000 + :slot * 500
\set run random(1, 1000000000000)
BEGIN;
SELECT s.channel, s.contact_key, s.profile_id
FROM subscriptions s
JOIN (SELECT 'Email' AS channel,
             CASE WHEN i <= 500 THEN 'seed-' || (:base::int + i) ELSE 'nb-p' || :client_id::int || '-' || :run::bigint || '-' || i END || '@bench.example' AS contact_key
      FROM generate_series(1, 1000) AS i) u
  ON s.channel = u.channel AND s.contact_key = u.contact_key
WHERE s.database_id = :db::int;
WITH items AS (
    SELECT CASE WHEN i <= 500 THEN 'seed-' || (:base::int + i) ELSE 'nb-p' || :client_id::int || '-' || :run::bigint || '-' || i END || '@bench.example' AS email,
           jsonb_build_object('_fname', 'B' || :run::bigint || '-' || i) AS fields
    FROM generate_series(1, 1000) AS i),
found AS (
    SELECT i.email, i.fields, v.profile_id
    FROM items i
    JOIN profile_unique_values v ON v.database_id = :db::int AND v.field_name = 'email' AND v.value_key = i.email),
locked AS (
    SELECT p.id, p.fields FROM profiles p
    WHERE p.database_id = :db::int AND p.id IN (SELECT profile_id FROM found)
    ORDER BY p.id FOR UPDATE),
updated AS (
    UPDATE profiles p
    SET fields = l.fields || f.fields, updated_at = now(),
        match_keys = ARRAY(SELECT key || '=' || value FROM jsonb_each_text(l.fields || f.fields))
    FROM locked l JOIN found f ON f.profile_id = l.id
    WHERE p.id = l.id
    RETURNING p.id),
created AS (
    INSERT INTO profiles (id, database_id, email, phones, fields, created_at, updated_at, match_keys)
    SELECT substr(md5(n.email), 1, 24), :db::int, n.email, '{}', n.fields, now(), now(),
           ARRAY(SELECT key || '=' || value FROM jsonb_each_text(n.fields))
    FROM (SELECT i.email, i.fields || jsonb_build_object('_regdate', (to_jsonb(date_trunc('second', now() AT TIME ZONE 'UTC')) #>> '{}') || 'Z') AS fields
          FROM items i WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.email = i.email)) n
    RETURNING id, email),
claimed AS (
    INSERT INTO profile_unique_values (database_id, field_name, value_key, profile_id)
    SELECT :db::int, 'email', c.email, c.id FROM created c ORDER BY c.email
    ON CONFLICT (database_id, field_name, value_key) DO NOTHING
    RETURNING 1)
INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
SELECT :db::int, x.id, :resource::int, 'Email', x.email, x.email, 'Subscribed', now(), now()
FROM (SELECT id, email FROM created UNION ALL SELECT profile_id, email FROM found) x
ON CONFLICT (profile_id, resource_id, channel, contact_key) DO NOTHING;
COMMIT;
