-- wrk script for bench/import.sh: single imports with a resource subscription, every body distinct.
-- Half the requests update one of the EXISTING seeded profiles (seed-<n>@bench.example, customer_id C-<n>),
-- half create a new profile; with EXISTING=0 every request creates one, with ONLY_UPDATES=1 every request updates one. MATCHING=email matches by email; MATCHING=field matches by the custom field
-- customer_id. Set by the runner: TOKEN, DB_ID, RESOURCE_ID, EXISTING, RUN (a prefix unique to the run).
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  token = os.getenv("TOKEN")
  db_id = os.getenv("DB_ID")
  resource_id = os.getenv("RESOURCE_ID")
  existing = tonumber(os.getenv("EXISTING"))
  matching = os.getenv("MATCHING") or "email"
  run = os.getenv("RUN")
  only_updates = os.getenv("ONLY_UPDATES") == "1"
  counter = 0
  math.randomseed(id * 7919 + os.time())
end

function request()
  counter = counter + 1
  local n, email
  if existing > 0 and (only_updates or counter % 2 == 0) then
    n = math.random(1, existing)
    email = string.format("seed-%d%%40bench.example", n)
    n = "C-" .. n
  else
    n = string.format("N-%s-%d-%d", run, id, counter)
    email = string.format("%s%%40bench.example", n)
  end
  local body
  if matching == "field" then
    body = string.format("token=%s&db_id=%s&resource_id=%s&matching=field_name&field_name=customer_id&customer_id=%s&email=%s&_fname=B%s%d",
      token, db_id, resource_id, n, email, run, counter)
  else
    body = string.format("token=%s&db_id=%s&resource_id=%s&email=%s&_fname=B%s%d",
      token, db_id, resource_id, email, run, counter)
  end
  return wrk.format("POST", "/api/integrations/any/profile_import",
    { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, non2xx, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
