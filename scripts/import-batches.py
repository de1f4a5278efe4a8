#!/usr/bin/env python3
"""Posts a folder of JSON batch files to QuickImport's import_batch and reports profiles/s.

Each file is one request body in the import_batch shape:
    {"token": "...", "db_id": 1, "matching": "email", "resource_id": 1, "data": [{...}, ...]}
(at most 10,000 items and 10 MB each). Files are posted in name order, --concurrency at a time.
--token, --db-id, --matching and --resource-id set those parameters in every body (a file need not
carry them). Every file is sent with a Request-ID derived from its name and content, so running the
same folder again after a failure is safe: batches already imported are answered from the stored
outcome (Duplicate-Request: true) and nothing is applied twice. A 429 or 503 is retried after its
Retry-After. Prints one line per file, then the totals; exit status 1 when any item or file failed.

Examples:
    scripts/import-batches.py exports/ --url http://127.0.0.1:5080 --token "$TOKEN" --concurrency 4
    scripts/import-batches.py exports/ --endpoint update_batch --json   # totals as one JSON line
"""
import argparse
import concurrent.futures
import hashlib
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
from collections import Counter

ENDPOINTS = ("import_batch", "add_batch", "update_batch")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="folder of *.json batch files (import_batch body shape)")
    parser.add_argument("--url", default=os.environ.get("QUICKIMPORT_URL", "http://127.0.0.1:5080"),
                        help="the API's base URL (default $QUICKIMPORT_URL or http://127.0.0.1:5080)")
    parser.add_argument("--endpoint", choices=ENDPOINTS, default="import_batch")
    parser.add_argument("--token", default=os.environ.get("QUICKIMPORT_TOKEN"),
                        help="API token, set in every body (default $QUICKIMPORT_TOKEN; else each file's own)")
    parser.add_argument("--db-id", type=int, help="db_id set in every body")
    parser.add_argument("--matching", help="matching set in every body")
    parser.add_argument("--resource-id", type=int, help="resource_id set in every body")
    parser.add_argument("--concurrency", type=int, default=4, help="batches in flight at once (default 4)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for one answer (default 120)")
    parser.add_argument("--retries", type=int, default=5, help="retries of a 429/503 or a lost connection (default 5)")
    parser.add_argument("--quiet", action="store_true", help="no line per file")
    parser.add_argument("--json", action="store_true", help="print the totals as one JSON object")
    return parser.parse_args(argv)


def body_of(path, args):
    """The file's bytes, with the command line's parameters set in it (parsed only when there are some)."""
    with open(path, "rb") as f:
        raw = f.read()
    overrides = {k: v for k, v in (("token", args.token), ("db_id", args.db_id), ("matching", args.matching),
                                   ("resource_id", args.resource_id)) if v is not None}
    if not overrides:
        return raw
    body = json.loads(raw)
    body.update(overrides)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Poster:
    def __init__(self, args):
        self.args = args
        url = urllib.parse.urlsplit(args.url)
        self.https = url.scheme == "https"
        self.host, self.port = url.hostname, url.port or (443 if self.https else 80)
        self.path = url.path.rstrip("/") + "/api/v1.1/profiles/" + args.endpoint
        self.local = threading.local()

    def connection(self, fresh=False):
        conn = getattr(self.local, "conn", None)
        if conn is None or fresh:
            if conn is not None:
                conn.close()
            cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
            conn = self.local.conn = cls(self.host, self.port, timeout=self.args.timeout)
        return conn

    def post(self, name, body):
        """Returns (status, answer JSON or None, seconds of the last attempt, duplicate?)."""
        headers = {"Content-Type": "application/json",
                   "Request-ID": "import-batches-" + hashlib.sha256(name.encode() + b"\0" + body).hexdigest()[:40]}
        for attempt in range(self.args.retries + 1):
            started = time.monotonic()
            try:
                conn = self.connection(fresh=attempt > 0)
                conn.request("POST", self.path, body=body, headers=headers)
                response = conn.getresponse()
                raw = response.read()
            except (OSError, http.client.HTTPException) as error:
                if attempt == self.args.retries:
                    return None, {"error_text": f"connection failed: {error}"}, time.monotonic() - started, False
                time.sleep(min(2 ** attempt, 10))
                continue
            elapsed = time.monotonic() - started
            if response.status in (429, 503) and attempt < self.args.retries:
                time.sleep(float(response.getheader("Retry-After") or 1))
                continue
            try:
                answer = json.loads(raw)
            except ValueError:
                answer = {"error_text": raw[:200].decode("utf-8", "replace")}
            return response.status, answer, elapsed, response.getheader("Duplicate-Request") == "true"


def main(argv):
    args = parse_args(argv)
    files = sorted(f for f in os.listdir(args.folder) if f.endswith(".json"))
    if not files:
        print(f"import-batches: no .json files in {args.folder}", file=sys.stderr)
        return 2
    poster = Poster(args)
    codes = Counter()
    totals = {"files": len(files), "files_failed": 0, "items": 0, "imported": 0, "created": 0, "failed": 0,
              "replayed_files": 0, "bytes": 0}
    latencies = []
    lock = threading.Lock()

    def one(name):
        body = body_of(os.path.join(args.folder, name), args)
        status, answer, seconds, duplicate = poster.post(name, body)
        results = answer.get("result") if status == 200 and isinstance(answer, dict) else None
        with lock:
            totals["bytes"] += len(body)
            latencies.append(seconds)
            totals["replayed_files"] += duplicate
            if results is None:
                totals["files_failed"] += 1
                codes[f"request {status}"] += 1
                line = f"{name}: HTTP {status} {answer.get('error_text', '') if isinstance(answer, dict) else ''}"
            else:
                ok = sum(1 for r in results if r.get("error") == 0)
                created = sum(1 for r in results if r.get("error") == 0 and r.get("created"))
                for r in results:
                    if r.get("error") != 0:
                        codes[str(r.get("error"))] += 1
                totals["items"] += len(results)
                totals["imported"] += ok
                totals["created"] += created
                totals["failed"] += len(results) - ok
                line = (f"{name}: {len(results)} items, {ok} imported ({created} created), {len(results) - ok} refused,"
                        f" {seconds:.2f} s{' (replayed)' if duplicate else ''}")
            if not args.quiet:
                print(line, flush=True)

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.concurrency)) as pool:
        for future in [pool.submit(one, name) for name in files]:
            future.result()
    wall = time.monotonic() - started

    latencies.sort()
    summary = dict(totals, seconds=round(wall, 3), profiles_per_s=round(totals["imported"] / wall, 1) if wall else 0,
                   latency_p50_s=round(latencies[(len(latencies) - 1) // 2], 3),
                   latency_max_s=round(latencies[-1], 3), refusals=dict(codes))
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{totals['files']} files ({totals['bytes'] / 1e6:.1f} MB), {totals['items']} items:"
              f" {totals['imported']} imported ({totals['created']} created), {totals['failed']} refused,"
              f" {totals['files_failed']} files failed, {totals['replayed_files']} replayed")
        print(f"{wall:.2f} s, {summary['profiles_per_s']} profiles/s, {args.concurrency} in flight;"
              f" per batch p50 {summary['latency_p50_s']} s, max {summary['latency_max_s']} s")
        if codes:
            print("refusals by code: " + ", ".join(f"{k}: {v}" for k, v in codes.most_common()))
    return 1 if totals["failed"] or totals["files_failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
