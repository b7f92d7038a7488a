"""The fault benchmark's client (bench/faults.sh): writes needs and supports as signed-in
accounts while servers and the database are killed and restarted, keeping every write the
server acknowledged; then checks that each is in the database, unchanged.

    python3 bench/fault_client.py load BASE WORK SECONDS THREADS OUT
        writes OUT (one acknowledged write per line: `need ID TITLE` or `support NEED USER`)
        and OUT.failed (the time of each request that failed, seconds since the epoch)
    python3 bench/fault_client.py verify OUT (postgres URL | sqlite FILE) [FAULTS]
        prints writes acknowledged, writes found, and requests failed during each fault of
        FAULTS (lines `name start end`, seconds since the epoch; a request failed within a
        second after the site answered again counts for the fault: a client learns that its
        connection broke on its next request) and outside them
"""

import http.client
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid


def load(base, work, seconds, threads, out):
    host = urllib.parse.urlparse(base).netloc
    params = dict(line.split("=", 1) for line in open(f"{work}/params.env").read().split())
    sessions = [line.rstrip("\n").split("\t") for line in open(f"{work}/sessions.txt")]
    needs = [line.strip() for line in open(f"{work}/need_ids.txt") if line.strip()]
    acknowledged, failed, lock = [], [], threading.Lock()
    stop = time.time() + seconds

    def worker(number):
        connection = None
        rng = random.Random(number)
        turn = 0
        while time.time() < stop:
            cookie, token, user = sessions[(number + turn * threads) % len(sessions)]
            turn += 1
            if turn % 2:
                title = f"panne {number}-{turn} {uuid.uuid4().hex[:12]}"
                path = f"/demarches/{params['SLUG']}/besoins"
                form = {"_csrf": token, "title": title, "body": "Écrit pendant une panne.", "theme": params["THEME"]}
            else:
                need = rng.choice(needs)
                path = f"/besoins/{need}/soutien"
                form = {"_csrf": token, "action": "ajouter"}
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(host, timeout=10)
                connection.request(
                    "POST",
                    path,
                    body=urllib.parse.urlencode(form),
                    headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
                )
                response = connection.getresponse()
                response.read()
                status, location = response.status, response.getheader("Location", "")
            except (OSError, http.client.HTTPException):
                status, location = None, ""
                if connection is not None:
                    connection.close()
                connection = None
            with lock:
                if status == 303 and turn % 2:
                    created = re.match(r"^/besoins/(\d+)", location)
                    if created:
                        acknowledged.append(f"need {created.group(1)} {title}")
                    else:
                        failed.append(time.time())
                elif status in (200, 303) and not turn % 2:
                    acknowledged.append(f"support {need} {user}")
                else:
                    failed.append(time.time())
                    time.sleep(0.05)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    with open(out, "w") as f:
        f.write("".join(f"{line}\n" for line in acknowledged))
    with open(f"{out}.failed", "w") as f:
        f.write("".join(f"{t:.3f}\n" for t in failed))


def rows(database, query):
    if database.startswith("postgres"):
        out = subprocess.run(["psql", "-qtA", "-F", "\t", database, "-c", query], capture_output=True, text=True, check=True)
        return [line.split("\t") for line in out.stdout.splitlines() if line]
    with sqlite3.connect(database) as connection:
        return [[str(c) for c in row] for row in connection.execute(query)]


def verify(out, database, faults_file=None):
    needs, supports = {}, set()
    for line in open(out):
        kind, rest = line.rstrip("\n").split(" ", 1)
        if kind == "need":
            need_id, title = rest.split(" ", 1)
            needs[need_id] = title
        else:
            supports.add(tuple(rest.split(" ")))
    stored = dict(rows(database, "SELECT id, title FROM needs WHERE title LIKE 'panne %'"))
    found_needs = sum(1 for i, t in needs.items() if stored.get(i) == t)
    found_supports = 0
    for chunk in range(0, len(supports), 500):
        part = list(supports)[chunk : chunk + 500]
        pairs = ",".join(f"({n}, {u})" for n, u in part)
        query = f"SELECT need_id, user_id FROM supports WHERE (need_id, user_id) IN (VALUES {pairs})"
        found_supports += len(rows(database, query))
    acknowledged = len(needs) + len(supports)
    found = found_needs + found_supports
    print(
        f"writes acknowledged {acknowledged} ({len(needs)} needs, {len(supports)} supports); "
        f"found unchanged {found} ({found_needs} needs, {found_supports} supports); "
        f"lost {acknowledged - found}"
    )
    failures = [float(t) for t in open(f"{out}.failed")]
    if faults_file:
        counted = 0
        for line in open(faults_file):
            name, start, end = line.rsplit(" ", 2)
            during = sum(1 for t in failures if float(start) <= t <= float(end) + 1)
            counted += during
            print(f"  {name}: answered again after {float(end) - float(start):.1f} s; requests failed meanwhile: {during}")
        print(f"  requests failed outside the faults: {len(failures) - counted}")
    return acknowledged == found


if __name__ == "__main__":
    if sys.argv[1] == "load":
        base, work, seconds, threads, out = sys.argv[2:7]
        load(base, work, float(seconds), int(threads), out)
    else:
        ok = verify(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
        sys.exit(0 if ok else 1)
