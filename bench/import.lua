-- wrk script: every request a distinct import (new email) with a resource subscription.
-- Set by the runner: TOKEN, DB_ID, RESOURCE_ID in the environment.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
  token = os.getenv("TOKEN")
  db_id = os.getenv("DB_ID")
  resource_id = os.getenv("RESOURCE_ID")
  run = os.getenv("RUN") or "r"
end

function request()
  counter = counter + 1
  local body = string.format("token=%s&db_id=%s&resource_id=%s&email=%s-%d-%d%%40bench.example&_fname=Bench",
    token, db_id, resource_id, run, thread_id, counter)
  return wrk.format("POST", "/api/integrations/any/profile_import",
    { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
