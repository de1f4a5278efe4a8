#!/usr/bin/env python3
"""Writes import_batch bodies for bench/batch.sh (and scripts/import-batches.py) into a folder.

Usage: bench/make-batches.py <folder> <files> <items per file> <item bytes> <run prefix> <first seeded n>
                             <token> <db_id> <resource_id>

File k (0-based) is a batch with email matching and a resource subscription whose first half of the
items update seeded profiles seed-<n>@bench.example, n from <first seeded n> + k * items/2 on (so files
never share a profile), and whose second half create new profiles; every item has _fname, _lname,
_city, customer_id and a 'notes' string padded so that the item's JSON is about <item bytes> long.
Every body is distinct (the run prefix and the file's number are in every item).
"""
import json
import os
import random
import string
import sys


def main(folder, files, items, item_bytes, run, first, token, db_id, resource_id):
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(f"{run}")
    alphabet = string.ascii_letters + string.digits + "     "
    half = items // 2
    for k in range(files):
        data = []
        for i in range(items):
            if i < half:
                n = first + k * half + i
                email = f"seed-{n}@bench.example"
                customer = f"C-{n}"
            else:
                email = f"nbig-{run}-{k}-{i}@bench.example"
                customer = f"CB-{run}-{k}-{i}"
            item = {"email": email, "_fname": f"F{run}-{k}-{i}", "_lname": "Lastname", "_city": "Moscow",
                    "customer_id": customer, "notes": ""}
            pad = item_bytes - len(json.dumps(item, separators=(",", ":"))) - 1
            item["notes"] = "".join(rng.choices(alphabet, k=max(0, pad)))
            data.append(item)
        body = {"token": token, "db_id": int(db_id), "matching": "email", "resource_id": int(resource_id), "data": data}
        with open(os.path.join(folder, f"batch-{k:04d}.json"), "w") as f:
            json.dump(body, f, separators=(",", ":"))


if __name__ == "__main__":
    if len(sys.argv) != 10:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    a = sys.argv[1:]
    main(a[0], int(a[1]), int(a[2]), int(a[3]), a[4], int(a[5]), a[6], a[7], a[8])
