#!/usr/bin/env python3
"""The mixed load of bench/instances.sh against two instances behind a balancer, and its checks.

Run by bench/instances.sh, which starts PostgreSQL, the broker, instances A and B, and haproxy. This
driver sets the accounts up through the admin API, then runs, all at once:
  - quick imports through the balancer, a quarter of them updating an email imported before;
  - v1.1 import_batch calls through the balancer;
  - queue messages (bench/QueueLoad, paced), consumed by both instances;
and, while both instances live:
  - pairs of one quick import with one Request-ID, sent to A and B at the same moment;
  - pairs of two quick imports of one new email, one to A and one to B at the same moment;
  - tariff accounts one profile below their limit, each receiving several creates at once, spread over A and B.
Once half the quick imports are answered and the pairs are done, instance B is killed (SIGKILL).
Every HTTP import carries a Request-ID; a 502/503/504 or a broken connection is retried with the same
one until it is answered, as a client would. Every import names an active trigger, so each executed
import writes one launch: the launches count the executions.

Then it checks the database (psql) against the answers, prints PASS/FAIL per check with its numbers,
and exits 1 when a check failed.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

RETRYABLE = {502, 503, 504}


class Api:
    """HTTP calls, each on a fresh connection; retried with the same Request-ID until answered."""

    def __init__(self, admin_key):
        self.admin_key = admin_key
        self.lock = threading.Lock()
        self.retries = Counter()  # status (or "connection") -> count

    def admin(self, base, path, body, method="POST"):
        request = urllib.request.Request(f"{base}/api/admin/{path}", data=json.dumps(body).encode(), method=method,
                                         headers={"Authorization": f"Bearer {self.admin_key}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def send(self, url, body, content_type, request_id):
        """One attempt: (status, body text, headers) or (None, error, {}) when no answer came."""
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": content_type, "Accept": "application/json", "Request-ID": request_id})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
            return None, str(error), {}

    def import_until_answered(self, url, body, content_type, request_id):
        """Sends until a final answer; returns it with the number of attempts."""
        for attempt in range(1, 200):
            status, text, headers = self.send(url, body, content_type, request_id)
            if status is not None and status not in RETRYABLE:
                return {"status": status, "body": text, "duplicate": headers.get("Duplicate-Request") == "true",
                        "attempts": attempt}
            with self.lock:
                self.retries[status or "connection"] += 1
            time.sleep(0.2)
        return {"status": None, "body": "no answer after 199 attempts", "duplicate": False, "attempts": 199}


def form(**fields):
    return urllib.parse.urlencode(fields).encode()


def profile_id(answer):
    try:
        return json.loads(answer["body"]).get("profile_id")
    except (ValueError, AttributeError):
        return None


class Psql:
    def __init__(self, dsn):
        self.dsn = dsn

    def rows(self, sql):
        out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", self.dsn, "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def value(self, sql):
        return self.rows(sql)[0][0]


class Checks:
    def __init__(self):
        self.failed = 0
        self.run = 0

    def report(self, name, ok, detail):
        self.run += 1
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)
        if not ok:
            self.failed += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--balancer", required=True)
    parser.add_argument("--a", required=True)
    parser.add_argument("--b", required=True)
    parser.add_argument("--b-pid", type=int, required=True, help="instance B's process, killed mid-load")
    parser.add_argument("--admin-key", required=True)
    parser.add_argument("--dsn", required=True, help="psql connection string of the service's database")
    parser.add_argument("--amqp", required=True)
    parser.add_argument("--queueload", required=True, help="bench/QueueLoad's built dll")
    parser.add_argument("--work", required=True, help="folder for the queue's results")
    parser.add_argument("--quick", type=int, default=4000)
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=40)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--message-rate", type=float, default=120)
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--tariffs", type=int, default=4)
    parser.add_argument("--tariff-creates", type=int, default=8)
    parser.add_argument("--workers", type=int, default=12)
    args = parser.parse_args()

    api = Api(args.admin_key)
    psql = Psql(args.dsn)
    run = f"{int(time.time())}"

    # -- Set-up, through instance A's admin API.
    def account(name, limit):
        account_id = api.admin(args.a, "accounts", {"name": name, "profile_limit": limit})["id"]
        token = api.admin(args.a, f"accounts/{account_id}/tokens", {"name": name})["token"]
        db = api.admin(args.a, f"accounts/{account_id}/databases", {"name": name})["id"]
        resource = api.admin(args.a, f"databases/{db}/resources",
                             {"name": "news", "channels": ["email"], "double_opt_in": False})["id"]
        trigger = api.admin(args.a, f"accounts/{account_id}/triggers",
                            {"name": "welcome", "database_id": db, "active": True})["id"]
        return {"id": account_id, "token": token, "db": db, "resource": resource, "trigger": trigger, "limit": limit}

    main_account = account(f"instances-{run}", None)
    tariff_limit = 10
    tariffs = [account(f"tariff-{run}-{k}", tariff_limit) for k in range(args.tariffs)]
    quick_url = f"{args.balancer}/api/integrations/any/profile_import"
    batch_url = f"{args.balancer}/api/v1.1/profiles/import_batch"

    def quick_body(acc, email, name):
        return form(token=acc["token"], db_id=acc["db"], resource_id=acc["resource"], trigger_id=acc["trigger"],
                    email=email, _fname=name)

    def batch_body(acc, emails):
        return json.dumps({"token": acc["token"], "db_id": acc["db"], "matching": "email",
                           "resource_id": acc["resource"], "trigger_id": acc["trigger"],
                           "data": [{"email": e, "_fname": "Batch"} for e in emails]}).encode()

    for k, acc in enumerate(tariffs):  # each at limit - 1
        filled = api.import_until_answered(batch_url, batch_body(acc, [f"t{k}-seed-{j}@load.example" for j in range(tariff_limit - 1)]),
                                           "application/json", f"tariff-seed-{run}-{k}")
        assert filled["status"] == 200, filled
    print(f"set up: account {main_account['id']}, {len(tariffs)} tariff accounts at {tariff_limit - 1} of {tariff_limit} profiles",
          flush=True)

    # -- The plan: every HTTP import with its Request-ID; expected launches per email.
    expected_launches = Counter()
    quick = []
    for i in range(args.quick):
        if i >= 400 and i % 4 == 0:
            email = f"q-{i - 400 + 1}@load.example"  # an email imported before: an update
        else:
            email = f"q-{i}@load.example"
        quick.append((i, email))
        expected_launches[email] += 1
    batches = []
    for k in range(args.batches):
        emails = [f"b-{k}-{j}@load.example" for j in range(args.batch_size)]
        batches.append((k, emails))
        for e in emails:
            expected_launches[e] += 1
    for k in range(args.pairs):
        expected_launches[f"p-{k}@load.example"] += 1  # one Request-ID: executed once
        expected_launches[f"e-{k}@load.example"] += 2  # two requests: a create and an update

    answers = {}  # key -> answer
    answers_lock = threading.Lock()
    progress = threading.Condition()
    quick_answered = [0]
    specials_done = threading.Event()

    def run_quick(i, email):
        answer = api.import_until_answered(quick_url, quick_body(main_account, email, f"Q{i}"),
                                           "application/x-www-form-urlencoded", f"q-{run}-{i}")
        with answers_lock:
            answers[("quick", i)] = answer
        with progress:
            quick_answered[0] += 1
            progress.notify_all()

    def run_batch(k, emails):
        answer = api.import_until_answered(batch_url, batch_body(main_account, emails), "application/json", f"b-{run}-{k}")
        with answers_lock:
            answers[("batch", k)] = answer

    def at_once(calls):
        """Runs the calls at the same moment, one thread each; returns their answers in order."""
        barrier = threading.Barrier(len(calls))
        results = [None] * len(calls)

        def one(index, call):
            barrier.wait()
            results[index] = call()

        threads = [threading.Thread(target=one, args=(n, c)) for n, c in enumerate(calls)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results

    def pair(k):
        body = quick_body(main_account, f"p-{k}@load.example", f"P{k}")
        answers[("pair", k)] = at_once([
            lambda base=base: api.import_until_answered(f"{base}/api/integrations/any/profile_import", body,
                                                        "application/x-www-form-urlencoded", f"p-{run}-{k}")
            for base in (args.a, args.b)])

    def race(k):
        answers[("race", k)] = at_once([
            lambda base=base, name=name: api.import_until_answered(
                f"{base}/api/integrations/any/profile_import", quick_body(main_account, f"e-{k}@load.example", name),
                "application/x-www-form-urlencoded", f"e-{run}-{k}-{name}")
            for base, name in ((args.a, "A"), (args.b, "B"))])

    def tariff_edge(k):
        acc = tariffs[k]
        answers[("tariff", k)] = at_once([
            lambda n=n: api.import_until_answered(
                f"{(args.a, args.b)[n % 2]}/api/integrations/any/profile_import",
                quick_body(acc, f"t{k}-new-{n}@load.example", f"T{n}"), "application/x-www-form-urlencoded",
                f"t-{run}-{k}-{n}")
            for n in range(args.tariff_creates)])

    def specials():
        # Four at a time, while both instances live.
        with ThreadPoolExecutor(4) as pool:
            for future in [pool.submit(f, k) for k in range(args.pairs) for f in (pair, race)] + \
                          [pool.submit(tariff_edge, k) for k in range(args.tariffs)]:
                future.result()
        specials_done.set()

    # -- The load.
    queue_results = os.path.join(args.work, "queue-results.jsonl")
    queue_prefix = f"m{run}"
    queueload = subprocess.Popen(
        ["dotnet", args.queueload, "--uri", args.amqp, "--account", str(main_account["id"]), "--db", str(main_account["db"]),
         "--resource", str(main_account["resource"]), "--trigger", str(main_account["trigger"]), "--prefix", queue_prefix,
         "--count", str(args.messages), "--rate", str(args.message_rate), "--results", queue_results, "--idle", "90"],
        stdout=subprocess.PIPE, text=True)
    started = time.monotonic()
    special_thread = threading.Thread(target=specials)
    special_thread.start()

    work = [("quick", q) for q in quick] + [("batch", b) for b in batches]
    random.Random(run).shuffle(work)
    work.sort(key=lambda w: w[0] == "batch" and w[1][0] % 2)  # half the batches after the kill, half before
    killed = {}

    def kill_b_mid_load():
        # Once both instances have had their pairs and half the quick imports are answered.
        specials_done.wait()
        with progress:
            progress.wait_for(lambda: quick_answered[0] >= args.quick // 2)
            answered = quick_answered[0]
        os.kill(args.b_pid, signal.SIGKILL)
        killed["at"] = time.monotonic() - started
        print(f"killed instance B (pid {args.b_pid}, SIGKILL) at {killed['at']:.1f} s, "
              f"{answered} of {args.quick} quick imports answered", flush=True)

    killer = threading.Thread(target=kill_b_mid_load)
    killer.start()
    with ThreadPoolExecutor(args.workers) as pool:
        for future in [pool.submit(run_quick if kind == "quick" else run_batch, *item) for kind, item in work]:
            future.result()
    killer.join()
    special_thread.join()
    http_seconds = time.monotonic() - started
    queue_line = queueload.communicate()[0].strip()
    print(f"HTTP load answered in {http_seconds:.1f} s; queue: {queue_line}", flush=True)
    with open(queue_results) as f:
        queued = [json.loads(line) for line in f]
    for m in queued:
        expected_launches[f"{m['feedback_id']}@bench.example"] += 1

    # -- The checks.
    checks = Checks()
    print()
    with urllib.request.urlopen(f"{args.a}/metrics", timeout=30) as response:
        redelivered = sum(float(line.split()[-1]) for line in response.read().decode().splitlines()
                          if line.startswith("quickimport_queue_redelivered_total"))
    checks.report("instance B killed mid-load", "at" in killed,
                  f"at {killed.get('at', 0):.1f} s of {http_seconds:.1f} s; unanswered attempts retried with their "
                  f"Request-ID: {dict(api.retries)}; messages redelivered to A: {redelivered:.0f}")

    duplicates = psql.value("SELECT count(*) FROM (SELECT database_id, lower(email) FROM profiles WHERE email IS NOT NULL "
                            "GROUP BY 1, 2 HAVING count(*) > 1) AS d")
    total = psql.value("SELECT count(*) FROM profiles")
    checks.report("zero duplicate profiles", duplicates == "0", f"{duplicates} emails held by more than one profile, {total} profiles")

    overshoot, detail = 0, []
    for k, acc in enumerate(tariffs):
        count = int(psql.value(f"SELECT count(*) FROM profiles WHERE database_id = {acc['db']}"))
        statuses = Counter(a["status"] for a in answers[("tariff", k)])
        overshoot += max(0, count - acc["limit"])
        detail.append(f"{count}/{acc['limit']} profiles, answers {dict(statuses)}")
        if statuses.get(200, 0) != 1 or count != acc["limit"]:
            overshoot += 1000  # not the one create the limit leaves room for
    checks.report("zero tariff overshoot", overshoot == 0, "; ".join(detail))

    # Profiles and launches per email of the main account.
    db = main_account["db"]
    profiles = {}
    for email, pid, launches in psql.rows(
            f"SELECT lower(p.email), p.id, (SELECT count(*) FROM automation_runs r WHERE r.profile_id = p.id) "
            f"FROM profiles p WHERE p.database_id = {db}"):
        profiles[email] = (pid, int(launches))

    pair_bad = []
    for k in range(args.pairs):
        a, b = answers[("pair", k)]
        email = f"p-{k}@load.example"
        alike = a["status"] == b["status"] == 200 and profile_id(a) == profile_id(b) and a["body"] == b["body"]
        if not alike or [a["duplicate"], b["duplicate"]].count(True) != 1 or profiles.get(email, (None, 0))[1] != 1:
            pair_bad.append((k, a["status"], b["status"], a["duplicate"], b["duplicate"], profiles.get(email)))
    checks.report("one Request-ID sent to A and B at once: executed once, both answers alike", not pair_bad,
                  f"{args.pairs} pairs, {len(pair_bad)} not so {pair_bad[:3]}")

    race_bad = []
    for k in range(args.pairs):
        a, b = answers[("race", k)]
        email = f"e-{k}@load.example"
        if not (a["status"] == b["status"] == 200 and profile_id(a) == profile_id(b) == profiles.get(email, (None,))[0]):
            race_bad.append((k, a["status"], b["status"], profile_id(a), profile_id(b)))
    checks.report("one new email sent to A and B at once: one profile, both answered with it", not race_bad,
                  f"{args.pairs} pairs, {len(race_bad)} not so {race_bad[:3]}")

    unanswered, missing, replayed = [], [], 0
    for i, email in quick:
        answer = answers[("quick", i)]
        replayed += answer["duplicate"]
        if answer["status"] != 200:
            unanswered.append((i, answer["status"], answer["body"][:80]))
        elif profiles.get(email, (None,))[0] != profile_id(answer):
            missing.append((i, email, profile_id(answer)))
    items, item_missing = 0, []
    for k, emails in batches:
        answer = answers[("batch", k)]
        replayed += answer["duplicate"]
        if answer["status"] != 200:
            unanswered.append((f"batch {k}", answer["status"], answer["body"][:80]))
            continue
        for email, result in zip(emails, json.loads(answer["body"])["result"]):
            items += 1
            if result["error"] != 0 or profiles.get(email, (None,))[0] != result.get("profile_id"):
                item_missing.append((email, result))
    checks.report("every HTTP import answered 200, its profile in the database",
                  not unanswered and not missing and not item_missing,
                  f"{len(quick)} quick imports and {len(batches)} batches ({items} items) through the balancer; "
                  f"{len(unanswered)} not answered 200 {unanswered[:3]}, {len(missing) + len(item_missing)} answered "
                  f"but not so in the database; {replayed} answered from a replay after a retry")

    queue_missing = [m for m in queued if m["result"]["error"] != 0
                     or profiles.get(f"{m['feedback_id']}@bench.example", (None,))[0] != m["result"]["profile_id"]]
    copies = sum(m["copies"] - 1 for m in queued)
    different = sum(not m["identical"] for m in queued)
    checks.report("every queue message answered, every published result in the database",
                  len(queued) == args.messages and not queue_missing and different == 0,
                  f"{args.messages} published, {len(queued)} answered, {len(queue_missing)} results not so in the "
                  f"database {queue_missing[:2]}; {copies} results published twice ({different} differing)")

    wrong = [(email, expected, profiles.get(email, (None, 0))[1]) for email, expected in expected_launches.items()
             if profiles.get(email, (None, 0))[1] != expected]
    checks.report("every import executed once (one trigger launch per executed import)", not wrong,
                  f"{len(expected_launches)} emails, {sum(expected_launches.values())} launches expected, "
                  f"{sum(p[1] for p in profiles.values())} written; {len(wrong)} emails off {wrong[:3]}")

    print()
    print(f"{checks.failed} of {checks.run} checks failed" if checks.failed else f"all {checks.run} checks passed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
