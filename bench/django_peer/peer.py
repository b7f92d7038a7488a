"""The peer of the needs benchmark: the same first page of needs (20 rows, newest first, with
theme and commune) served by a minimal Django app over the same SQLite file, as a Django
project would write it (ORM-free raw SQL, one template). Run by bench/needs.sh with gunicorn:
    CONCERTO_BENCH_DB=/path/bench.db gunicorn -w 5 peer:application
"""

import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="benchmark-only",
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ["CONCERTO_BENCH_DB"],
        }
    },
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [os.path.dirname(os.path.abspath(__file__))],
        }
    ],
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402

PAGE = """
SELECT n.id, n.title, n.body, th.name, th.colour, t.name, n.source, n.supports_count,
       n.comments_count, n.created_at
FROM needs n
JOIN processes p ON p.id = n.process_id
LEFT JOIN themes th ON th.id = n.theme_id
LEFT JOIN territories t ON t.id = n.territory_id
WHERE p.slug = %s AND n.status = 'published'
ORDER BY n.created_at DESC, n.id DESC LIMIT 20
"""

COUNT = """
SELECT COALESCE(SUM(c.count), 0) FROM need_counts c JOIN processes p ON p.id = c.process_id
WHERE p.slug = %s
"""


def needs(request, slug):
    with connection.cursor() as cursor:
        cursor.execute(PAGE, [slug])
        rows = cursor.fetchall()
        cursor.execute(COUNT, [slug])
        (total,) = cursor.fetchone()
    cards = [
        {
            "id": r[0],
            "title": r[1],
            "excerpt": r[2][:220],
            "theme": r[3],
            "colour": r[4],
            "place": r[5],
            "source": r[6],
            "supports": r[7],
            "comments": r[8],
        }
        for r in rows
    ]
    return render(request, "peer.html", {"cards": cards, "total": total, "slug": slug})


urlpatterns = [path("demarches/<slug:slug>/besoins", needs)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
