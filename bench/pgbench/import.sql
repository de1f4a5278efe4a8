-- One email-matched import with a subscription: half update a seeded profile, half create one.
\set fresh random(0, 1)
\if :fresh
\set n random(1000000, 1000000000000)
\else
\set n random(1, 10000)
\endif
BEGIN;
SELECT id FROM profiles WHERE database_id = 1 AND lower(email) = bench_email(:fresh, :client_id, :n)
UNION SELECT profile_id FROM subscriptions WHERE database_id = 1 AND channel = 'Email' AND contact_key = bench_email(:fresh, :client_id, :n);
INSERT INTO profiles (id, database_id, email, fields, created_at, updated_at)
VALUES (substr(md5(bench_email(:fresh, :client_id, :n)), 1, 24), 1, bench_email(:fresh, :client_id, :n),
        jsonb_build_object('_fname', 'Bench' || :n), now(), now())
ON CONFLICT (database_id, lower(email)) DO UPDATE SET fields = profiles.fields || EXCLUDED.fields, updated_at = now()
RETURNING id AS profile_id \gset
INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
VALUES (1, :profile_id, 1, 'Email', bench_email(:fresh, :client_id, :n), bench_email(:fresh, :client_id, :n), 'Subscribed', now(), now())
ON CONFLICT (profile_id, resource_id, channel, contact_key) DO NOTHING;
END;
