-- wrk script for bench/batch.sh: POST /api/v1.1/profiles/import_batch with BATCH-item bodies, email
-- matching and a resource subscription, every body distinct. Run with as many threads as connections
-- (-tN -cN): each thread is one client, and client <id> updates only profiles of its own partition of
-- the seeded ones (seed-<n>@bench.example, n in id*PARTITION+1 .. (id+1)*PARTITION), so that clients
-- never wait for each other's row locks — as bench/pgbench/batch.sql does. In every batch the first
-- half of the items update seeded profiles (the next BATCH/2 of the partition, cycling), the second
-- half create new ones (nb-<run>-<id>-<counter>-<i>@bench.example).
-- Set by the runner: TOKEN, DB_ID, RESOURCE_ID, RUN (a prefix unique to the run), BATCH (items per
-- body, default 1000), PARTITION (seeded profiles per client, default 10000).
-- Prints "RESULT requests=… non2xx=… items_ok=… items_failed=… profiles_per_s=… p50_ms=… p99_ms=… sent=…", where
-- sent counts the items of every body sent, also of those still in flight when wrk stopped (the
-- service finishes them: what it worked on).
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  token = os.getenv("TOKEN")
  db_id = os.getenv("DB_ID")
  resource_id = os.getenv("RESOURCE_ID")
  run = os.getenv("RUN")
  batch = tonumber(os.getenv("BATCH") or "1000")
  partition = tonumber(os.getenv("PARTITION") or "10000")
  counter = 0
  items_ok = 0
  items_failed = 0
  answered = 0
end

function request()
  counter = counter + 1
  local half = math.floor(batch / 2)
  local slots = math.floor(partition / half)
  local base = id * partition + ((counter - 1) % slots) * half
  local items = {}
  for i = 1, batch do
    local email
    if i <= half then
      email = string.format("seed-%d@bench.example", base + i)
    else
      email = string.format("nb-%s-%d-%d-%d@bench.example", run, id, counter, i)
    end
    items[i] = string.format('{"email":"%s","_fname":"B%s-%d-%d"}', email, run, counter, i)
  end
  local body = string.format('{"token":"%s","db_id":%s,"matching":"email","resource_id":%s,"data":[%s]}',
    token, db_id, resource_id, table.concat(items, ","))
  return wrk.format("POST", "/api/v1.1/profiles/import_batch", { ["Content-Type"] = "application/json" }, body)
end

-- Counts the items the answer says were imported ("error":0 once at the top level, once per item).
function response(status, headers, body)
  answered = answered + 1
  if status == 200 then
    local _, zeros = string.gsub(body, '"error":0,', "")
    items_ok = items_ok + zeros - 1
    items_failed = items_failed + batch - (zeros - 1)
  else
    items_failed = items_failed + batch
  end
end

function done(summary, latency, requests)
  local ok, failed, sent = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("items_ok")
    failed = failed + thread:get("items_failed")
    sent = sent + thread:get("counter") * thread:get("batch")
  end
  local non2xx = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d non2xx=%d items_ok=%d items_failed=%d profiles_per_s=%.1f p50_ms=%.2f p99_ms=%.2f sent=%d\n",
    summary.requests, non2xx, ok, failed, ok / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, sent))
end
