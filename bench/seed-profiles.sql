-- Profiles seed-<from>..seed-<to>@bench.example as the service stores them: a subscribed email,
-- customer_id C-<n>, the email's unique value. Straight in SQL: a million imports would take long.
-- psql variables: db (database id), resource (resource id), from, to. Used by bench/import.sh and bench/compare.sh.
INSERT INTO profiles (id, database_id, email, phones, fields, created_at, updated_at, match_keys)
SELECT lpad(to_hex(g), 24, '0'), :db, 'seed-' || g || '@bench.example', '{}',
       jsonb_build_object('_fname', 'Seed', '_regdate', '2026-01-01T00:00:00Z', 'customer_id', 'C-' || g), now(), now(),
       ARRAY['_regdate="2026-01-01T00:00:00Z"', '_fname=Seed', 'customer_id=C-' || g]
FROM generate_series(:from, :to) AS g;
INSERT INTO profile_unique_values (database_id, field_name, value_key, profile_id)
SELECT :db, 'email', 'seed-' || g || '@bench.example', lpad(to_hex(g), 24, '0') FROM generate_series(:from, :to) AS g;
INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
SELECT :db, lpad(to_hex(g), 24, '0'), :resource, 'Email', 'seed-' || g || '@bench.example', 'seed-' || g || '@bench.example',
       'Subscribed', now(), now()
FROM generate_series(:from, :to) AS g;
VACUUM ANALYZE;
-- The seeding's WAL is checkpointed now, not in the middle of the next measurement.
CHECKPOINT;
