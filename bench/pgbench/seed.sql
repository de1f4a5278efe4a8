-- :existing profiles seed-<n>@bench.example, each subscribed, as bench/import.sh seeds the service's database.
INSERT INTO profiles
SELECT lpad(to_hex(g), 24, '0'), 1, 'seed-' || g || '@bench.example', jsonb_build_object('_fname', 'Seed'), now(), now()
FROM generate_series(1, :existing) AS g;
INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
SELECT 1, lpad(to_hex(g), 24, '0'), 1, 'Email', 'seed-' || g || '@bench.example', 'seed-' || g || '@bench.example', 'Subscribed', now(), now()
FROM generate_series(1, :existing) AS g;
VACUUM ANALYZE;
