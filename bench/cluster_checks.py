"""What must hold across the three servers behind the balancer (bench/cluster.sh): a session
and a CSRF token from one server are good on the others, the sign-in limit counts attempts
wherever they land, a session ended through one server is ended on all, a synthesis asked once runs once, the opinion map drawn by every server
counts a vote given on any, a need posted through one server shows on every server's list
(each keeps its pages until PostgreSQL tells of a change), and a mail and a digest leave once. Prints one line per check and
exits 1 if any fails.

    python3 bench/cluster_checks.py BASE WORK DB_URL PORT1 PORT2 PORT3
"""

import collections
import glob
import http.client
import json
import re
import subprocess
import sys
import time
import urllib.parse

BASE, WORK, DB_URL = sys.argv[1], sys.argv[2], sys.argv[3]
SERVERS = [f"127.0.0.1:{port}" for port in sys.argv[4:7]]
HOST = urllib.parse.urlparse(BASE).netloc
PARAMS = dict(line.split("=", 1) for line in open(f"{WORK}/params.env").read().split())
SESSIONS = [line.rstrip("\n").split("\t") for line in open(f"{WORK}/sessions.txt")]
failed = []


Answer = collections.namedtuple("Answer", "status served_by text location cookies")


def ask(method, path, cookie=None, form=None):
    """One request on a new connection (so the balancer picks the next server); the cookies it
    sets come back by name."""
    connection = http.client.HTTPConnection(HOST, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    cookies = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, rest = value.split("=", 1)
            cookies[name] = rest.split(";", 1)[0]
    connection.close()
    return Answer(
        response.status, response.getheader("X-Served-By", "?"), text, response.getheader("Location", ""), cookies
    )


def sql(query):
    out = subprocess.run(["psql", "-qtA", DB_URL, "-c", query], capture_output=True, text=True)
    return out.stdout.strip()


def check(name, ok, detail):
    print(f"{'ok    ' if ok else 'FAILED'} {name}: {detail}")
    if not ok:
        failed.append(name)


def outbox_to(address):
    """Mails written for `address` in the three servers' outboxes."""
    found = 0
    for path in glob.glob(f"{WORK}/data*/outbox/*.json"):
        with open(path) as f:
            if json.load(f).get("to") == address:
                found += 1
    return found


def form_token(text):
    return text.split('name="_csrf" value="', 1)[1].split('"', 1)[0]


def joined(cookies):
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def anonymous():
    """A visitor's cookies (CSRF secret) and a form token, from the sign-in page."""
    page = ask("GET", "/connexion")
    return joined(page.cookies), form_token(page.text)


def sign_in(email, password):
    """Signs in through the balancer; returns the session's cookies."""
    page = ask("GET", "/connexion")
    form = {"_csrf": form_token(page.text), "email": email, "password": password}
    signed = ask("POST", "/connexion", joined(page.cookies), form)
    return joined({**page.cookies, **signed.cookies})


# A session and a CSRF token, used on every server.
cookie, token, user_id = SESSIONS[0]
pages = [ask("GET", "/compte", cookie) for _ in range(6)]
check(
    "session on every server",
    all(p[0] == 200 for p in pages) and len({p[1] for p in pages}) == 3,
    f"/compte answered {[p[0] for p in pages]} from {sorted({p[1] for p in pages})}",
)
need = open(f"{WORK}/need_ids.txt").readline().strip()
supports = [
    ask("POST", f"/besoins/{need}/soutien", cookie, {"_csrf": token, "action": "ajouter"})
    for _ in range(6)
]
check(
    "CSRF token on every server",
    all(p[0] in (200, 303) for p in supports) and len({p[1] for p in supports}) == 3,
    f"support answered {[p[0] for p in supports]} from {sorted({p[1] for p in supports})}",
)

# The sign-in limit (5 attempts per account and address) counts across servers.
visitor, visitor_token = anonymous()
attempts = [
    ask(
        "POST",
        "/connexion",
        visitor,
        {"_csrf": visitor_token, "email": "habitant@demo.concerto.localhost", "password": "faux"},
    )
    for _ in range(7)
]
statuses = [a[0] for a in attempts]
check(
    "sign-in limit shared",
    all(s == 422 for s in statuses[:5]) and all(s == 429 for s in statuses[5:]),
    f"7 wrong passwords answered {statuses} from {sorted({a[1] for a in attempts})}",
)

# A session ended through one server is ended on all three (each keeps who a session is
# until PostgreSQL tells it a session ended): how long after the sign-out was answered.
partner = sign_in("partenaire@demo.concerto.localhost", "concerto-demo")
signed = [ask("GET", "/compte", partner) for _ in range(6)]
out = ask("POST", "/deconnexion", partner, {"_csrf": form_token(signed[-1].text)})
answered, refused = time.time(), []
while time.time() < answered + 2:
    refused = [ask("GET", "/compte", partner) for _ in range(3)]
    if all(p.status == 303 and p.location.startswith("/connexion") for p in refused):
        break
ended_after = (time.time() - answered) * 1000
check(
    "a session ended on one server is ended on every server",
    all(p.status == 200 for p in signed)
    and out.status == 303
    and len({p.served_by for p in refused}) == 3
    and all(p.status == 303 and p.location.startswith("/connexion") for p in refused),
    f"/compte {[p.status for p in signed]}, signed out on {out.served_by} ({out.status}), "
    f"then refused by {sorted({p.served_by for p in refused})} within {ended_after:.0f} ms",
)

# A synthesis asked once is run once, by one server.
slug = PARAMS["SLUG"]
in_process = f"process_id = (SELECT id FROM processes WHERE slug = '{slug}')"
before = int(sql(f"SELECT COUNT(*) FROM syntheses WHERE {in_process}") or 0)
manager = sign_in("gestion@demo.concerto.localhost", "concerto-demo")
page = ask("GET", f"/demarches/{slug}/syntheses", manager)
asked = ask("POST", f"/demarches/{slug}/syntheses", manager, {"_csrf": form_token(page.text)})
deadline = time.time() + 120
rows = ""
while time.time() < deadline:
    rows = sql(f"SELECT COUNT(*) || ' ' || string_agg(status, ',') FROM syntheses WHERE {in_process}")
    count = int(rows.split()[0])
    running = sql(f"SELECT COUNT(*) FROM syntheses WHERE {in_process} AND status = 'running'")
    if count > before and running == "0":
        break
    time.sleep(1)
count = int(rows.split()[0])
newest = sql(f"SELECT status FROM syntheses WHERE {in_process} ORDER BY id DESC LIMIT 1")
check(
    "a synthesis runs once",
    asked[0] == 303 and count == before + 1 and newest == "draft",
    f"asked on {asked[1]} ({asked[0]}); syntheses {before} -> {count} ({rows.split(' ', 1)[-1]})",
)

# The opinion map: each server draws it from the votes in the database, so a vote given
# through the balancer is counted by all three.
sql(
    "INSERT INTO opinion_statements (id, process_id, body, author_id, status, created_at) "
    f"SELECT 800000001, id, 'Une proposition', NULL, 'accepted', 1700000000000 FROM processes WHERE slug = '{slug}' "
    "ON CONFLICT DO NOTHING"
)


def participants(server):
    connection = http.client.HTTPConnection(server, timeout=30)
    connection.request("GET", f"/demarches/{slug}/opinions/carte")
    text = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    line = text.split("</h1>", 1)[1]
    figure = re.search(r"<p>\D*([\d\u202f\u00a0 ]+?)\D*participant", line).group(1)
    return int(re.sub(r"\D", "", figure))


drawn = [participants(server) for server in SERVERS]
voted_before = set(sql("SELECT user_id FROM opinion_votes WHERE statement_id = 800000001").split())
voter_cookie, voter_token, _ = next(s for s in SESSIONS[1:] if s[2] not in voted_before)
voted = ask(
    "POST",
    f"/demarches/{slug}/opinions/votes",
    voter_cookie,
    {"_csrf": voter_token, "proposition": "800000001", "vote": "accord"},
)
redrawn = [participants(server) for server in SERVERS]
check(
    "the opinion map counts a vote on every server",
    voted[0] == 303 and all(after == before + 1 for before, after in zip(drawn, redrawn)),
    f"vote {voted[0]} on {voted[1]}; participants per server {drawn} -> {redrawn}",
)

# The needs list: each server keeps its pages in memory until PostgreSQL says the needs
# changed, so a need posted through one server shows on every server's list.
def lists(server):
    connection = http.client.HTTPConnection(server, timeout=30)
    connection.request("GET", f"/demarches/{slug}/besoins")
    text = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    return text


title = f"Un abri à vélos couvert, essai {int(time.time())}"
kept = [title in lists(server) for server in SERVERS]
author_cookie, author_token, _ = SESSIONS[2]
posted = ask("POST", f"/demarches/{slug}/besoins", author_cookie, {"_csrf": author_token, "title": title})
started = time.time()
shown = [False] * 3
while not all(shown) and time.time() - started < 5:
    shown = [title in lists(server) for server in SERVERS]
check(
    "a need posted through one server shows on every server's list",
    posted[0] == 303 and not any(kept) and all(shown),
    f"posted {posted[0]} on {posted[1]}; on the three lists after {1000 * (time.time() - started):.0f} ms",
)

# A password-reset mail asked through the balancer leaves once.
address = "habitant@demo.concerto.localhost"
sent_before = outbox_to(address)
asked = ask("POST", "/mot-de-passe-oublie", visitor, {"_csrf": visitor_token, "email": address})
time.sleep(3)
check(
    "a mail leaves once",
    outbox_to(address) == sent_before + 1,
    f"asked on {asked[1]}; outboxes hold {outbox_to(address) - sent_before} new mail(s) for {address}",
)

# A digest: a comment tells the need's author, and the three servers' digest workers (every
# minute here) hand it over once.
author = sql(
    f"SELECT n.id || ' ' || u.email FROM needs n JOIN users u ON u.id = n.author_id "
    f"WHERE n.author_id <> {user_id} ORDER BY n.id LIMIT 1"
).split()
digest_before = outbox_to(author[1])
commented = ask(
    "POST", f"/besoins/{author[0]}/commentaires", cookie, {"_csrf": token, "comment": "Bonne idée, je soutiens."}
)
time.sleep(75)
check(
    "a digest leaves once",
    commented[0] == 303 and outbox_to(author[1]) == digest_before + 1,
    f"comment {commented[0]} on {commented[1]}; outboxes hold {outbox_to(author[1]) - digest_before} new digest(s) for the author",
)

sys.exit(1 if failed else 0)
