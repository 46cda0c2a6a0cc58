#!/usr/bin/python3
"""Helper of the Qt client scripts (pumpa-session.sh, dianara-session.sh).

    client-account.py URL NICK APP_NAME        registers a client and a user, prints shell assignments
                                               (CLIENT_ID, CLIENT_SECRET, TOKEN, TOKEN_SECRET, NICK)
    client-account.py --outbox-has URL TEXT    reads those assignments on stdin; exit 0 when a post in the
                                               user's outbox contains TEXT
"""

import secrets
import shlex
import sys

import requests
from requests_oauthlib import OAuth1

TIMEOUT = 30


def register(base, nick, app_name):
    client = requests.post(
        base + "/api/client/register",
        json={"type": "client_associate", "application_type": "native", "application_name": app_name},
        timeout=TIMEOUT,
    )
    client.raise_for_status()
    client = client.json()
    user = requests.post(
        base + "/api/users",
        json={"nickname": nick, "password": "pw-" + secrets.token_hex(8)},
        auth=OAuth1(client["client_id"], client["client_secret"]),
        timeout=TIMEOUT,
    )
    user.raise_for_status()
    user = user.json()
    values = {
        "CLIENT_ID": client["client_id"],
        "CLIENT_SECRET": client["client_secret"],
        "TOKEN": user["token"],
        "TOKEN_SECRET": user["secret"],
        "NICK": nick,
    }
    for key, value in values.items():
        print("%s=%s" % (key, shlex.quote(value)))


def outbox_has(base, text):
    values = {}
    for line in sys.stdin:
        key, _, value = line.strip().partition("=")
        values[key] = shlex.split(value)[0] if value else ""
    auth = OAuth1(values["CLIENT_ID"], values["CLIENT_SECRET"], values["TOKEN"], values["TOKEN_SECRET"])
    feed = requests.get(base + "/api/user/%s/feed" % values["NICK"], auth=auth, timeout=TIMEOUT)
    feed.raise_for_status()
    for activity in feed.json().get("items", []):
        if activity.get("verb") == "post" and text in (activity.get("object", {}).get("content") or ""):
            return 0
    return 1


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--outbox-has":
        sys.exit(outbox_has(sys.argv[2].rstrip("/"), sys.argv[3]))
    if len(sys.argv) == 4:
        register(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3])
        sys.exit(0)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
