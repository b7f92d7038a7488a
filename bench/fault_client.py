"""The fault benchmark's client (bench/faults.sh): writes needs, supports and opinion votes
as signed-in accounts while servers and the database are killed and restarted, keeping every
write the server acknowledged; then checks that each is in the database, unchanged (a vote:
the last value acknowledged for its statement and account, or one tried after it whose answer
was lost).

    python3 bench/fault_client.py load BASE WORK SECONDS THREADS OUT
        writes OUT (one acknowledged write per line: `need ID TITLE`, `support NEED USER` or
        `vote STATEMENT USER VALUE`; WORK/statements.txt lists the statements to vote on)
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
    statements = [line.strip() for line in open(f"{work}/statements.txt") if line.strip()]
    choices = {"accord": 1, "desaccord": -1, "passer": 0}
    acknowledged, failed, unsure, lock = [], [], [], threading.Lock()
    stop = time.time() + seconds

    def worker(number):
        connection = None
        rng = random.Random(number)
        turn = 0
        while time.time() < stop:
            cookie, token, user = sessions[(number + turn * threads) % len(sessions)]
            turn += 1
            kind = ("need", "support", "vote")[turn % 3]
            if kind == "need":
                title = f"panne {number}-{turn} {uuid.uuid4().hex[:12]}"
                path = f"/demarches/{params['SLUG']}/besoins"
                form = {"_csrf": token, "title": title, "body": "Écrit pendant une panne.", "theme": params["THEME"]}
            elif kind == "support":
                need = rng.choice(needs)
                path = f"/besoins/{need}/soutien"
                form = {"_csrf": token, "action": "ajouter"}
            else:
                statement, choice = rng.choice(statements), rng.choice(list(choices))
                path = f"/demarches/{params['SLUG']}/opinions/votes"
                form = {"_csrf": token, "proposition": statement, "vote": choice}
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
                flash = response.getheader("Set-Cookie", "")
            except (OSError, http.client.HTTPException):
                status, location, flash = None, "", ""
                if connection is not None:
                    connection.close()
                connection = None
            created = re.match(r"^/besoins/(\d+)", location)
            with lock:
                if kind == "need" and status == 303 and created:
                    acknowledged.append(f"need {created.group(1)} {title}")
                elif kind == "support" and status in (200, 303):
                    acknowledged.append(f"support {need} {user}")
                elif kind == "vote" and status == 303 and "flash-opinion-voted" in flash:
                    acknowledged.append(f"vote {statement} {user} {choices[choice]} {time.time():.6f}")
                else:
                    failed.append(time.time())
                    if kind == "vote":
                        # It may have been stored before the answer was lost.
                        unsure.append(f"{statement} {user} {choices[choice]} {time.time():.6f}")
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
    with open(f"{out}.unsure", "w") as f:
        f.write("".join(f"{line}\n" for line in unsure))


def rows(database, query):
    if database.startswith("postgres"):
        out = subprocess.run(["psql", "-qtA", "-F", "\t", database, "-c", query], capture_output=True, text=True, check=True)
        return [line.split("\t") for line in out.stdout.splitlines() if line]
    with sqlite3.connect(database) as connection:
        return [[str(c) for c in row] for row in connection.execute(query)]


def verify(out, database, faults_file=None):
    needs, supports, votes = {}, set(), {}
    for line in open(out):
        kind, rest = line.rstrip("\n").split(" ", 1)
        if kind == "need":
            need_id, title = rest.split(" ", 1)
            needs[need_id] = title
        elif kind == "support":
            supports.add(tuple(rest.split(" ")))
        else:
            statement, user, value, at = rest.split(" ")
            if float(at) >= votes.get((statement, user), ("", 0.0))[1]:
                votes[(statement, user)] = (value, float(at))
    # A vote whose answer was lost may be stored: after the last acknowledged one, its value is
    # as right as the acknowledged one.
    allowed = {pair: {value} for pair, (value, _) in votes.items()}
    for line in open(f"{out}.unsure"):
        statement, user, value, at = line.split()
        if (statement, user) in votes and float(at) > votes[(statement, user)][1]:
            allowed[(statement, user)].add(value)
    stored = dict(rows(database, "SELECT id, title FROM needs WHERE title LIKE 'panne %'"))
    found_needs = sum(1 for i, t in needs.items() if stored.get(i) == t)
    found_supports = found_votes = 0
    for chunk in range(0, len(supports), 500):
        pairs = ",".join(f"({n}, {u})" for n, u in list(supports)[chunk : chunk + 500])
        query = f"SELECT need_id, user_id FROM supports WHERE (need_id, user_id) IN (VALUES {pairs})"
        found_supports += len(rows(database, query))
    for chunk in range(0, len(votes), 500):
        part = list(votes)[chunk : chunk + 500]
        pairs = ",".join(f"({s}, {u})" for s, u in part)
        query = f"SELECT statement_id, user_id, value FROM opinion_votes WHERE (statement_id, user_id) IN (VALUES {pairs})"
        found_votes += sum(1 for s, u, v in rows(database, query) if v in allowed[(s, u)])
    acknowledged = len(needs) + len(supports) + len(votes)
    found = found_needs + found_supports + found_votes
    print(
        f"writes acknowledged {acknowledged} ({len(needs)} needs, {len(supports)} supports, "
        f"{len(votes)} votes: the last per statement and account); found unchanged {found} "
        f"({found_needs} needs, {found_supports} supports, {found_votes} votes); "
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
