#!/usr/bin/python3
"""Helper of the Qt client scripts (pumpa-session.sh, dianara-session.sh).

    client-account.py URL NICK APP_NAME        registers a client and a user, prints shell assignments
                                               (CLIENT_ID, CLIENT_SECRET, TOKEN, TOKEN_SECRET, NICK)
    client-account.py --outbox-has URL TEXT    reads those assignments on stdin; exit 0 when a post in the
                                               user's outbox contains TEXT
    client-account.py --check URL CHECK ARG... reads them on stdin; exit 0 when CHECK holds for that user:
        posted TEXT            a post of a note or comment containing TEXT is in the outbox
        liked TEXT             a note containing TEXT is in the favorites stream
        shared TEXT            a share of a note containing TEXT is in the outbox
        replied TEXT REPLY     a comment containing REPLY, in reply to a note containing TEXT, is in the outbox
        deleted TEXT           a delete of the note that contained TEXT is in the outbox
        follows NICK           NICK is in the following stream
        stream-has NAME TEXT   the stream /api/user/:nick/NAME (inbox, feed, inbox/major, ...) shows TEXT
    client-account.py --post URL TEXT          reads them on stdin; posts a public note TEXT through the API
    client-account.py --follow URL NICK        reads them on stdin; follows the local user NICK through the API
"""

import json
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


def account():
    values = {}
    for line in sys.stdin:
        key, _, value = line.strip().partition("=")
        values[key] = shlex.split(value)[0] if value else ""
    auth = OAuth1(values["CLIENT_ID"], values["CLIENT_SECRET"], values["TOKEN"], values["TOKEN_SECRET"])
    return values["NICK"], auth


def stream(base, nick, auth, name):
    answer = requests.get(base + "/api/user/%s/%s?count=200" % (nick, name), auth=auth, timeout=TIMEOUT)
    answer.raise_for_status()
    return answer.json().get("items", [])


def content(thing):
    return (thing or {}).get("content") or ""


def outbox_has(base, text):
    nick, auth = account()
    return 0 if check(base, nick, auth, "posted", [text]) else 1


def check(base, nick, auth, name, args):
    if name == "posted":
        return any(a.get("verb") == "post" and args[0] in content(a.get("object")) for a in stream(base, nick, auth, "feed"))
    if name == "liked":
        return any(args[0] in content(o) for o in stream(base, nick, auth, "favorites"))
    if name == "shared":
        return any(a.get("verb") == "share" and args[0] in content(a.get("object")) for a in stream(base, nick, auth, "feed"))
    if name == "replied":
        for a in stream(base, nick, auth, "feed"):
            reply = a.get("object") or {}
            if a.get("verb") == "post" and args[1] in content(reply) and args[0] in content(reply.get("inReplyTo")):
                return True
            # The answer names the note by id only when it is not embedded: read it.
            if a.get("verb") == "post" and args[1] in content(reply) and (reply.get("inReplyTo") or {}).get("id"):
                note = requests.get(reply["inReplyTo"]["id"], auth=auth, timeout=TIMEOUT)
                if note.ok and args[0] in content(note.json()):
                    return True
        return False
    if name == "deleted":
        # The outbox keeps the post activity; its object becomes a tombstone (`deleted` set, content gone).
        activities = stream(base, nick, auth, "feed")
        alive = any(
            a.get("verb") == "post" and args[0] in content(a.get("object")) and not a["object"].get("deleted")
            for a in activities
        )
        return not alive and any(a.get("verb") == "delete" for a in activities)
    if name == "follows":
        return any(p.get("preferredUsername") == args[0] for p in stream(base, nick, auth, "following"))
    if name == "stream-has":
        return any(args[1] in json.dumps(item) for item in stream(base, nick, auth, args[0]))
    raise SystemExit("unknown check %s" % name)


def follow(base, other):
    nick, auth = account()
    person = requests.get(base + "/api/user/%s/profile" % other, auth=auth, timeout=TIMEOUT)
    person.raise_for_status()
    activity = {"verb": "follow", "object": {"id": person.json()["id"], "objectType": "person"}}
    answer = requests.post(base + "/api/user/%s/feed" % nick, json=activity, auth=auth, timeout=TIMEOUT)
    answer.raise_for_status()


def post_note(base, text):
    nick, auth = account()
    activity = {
        "verb": "post",
        "object": {"objectType": "note", "content": text},
        "to": [{"id": "http://activityschema.org/collection/public", "objectType": "collection"}],
    }
    answer = requests.post(base + "/api/user/%s/feed" % nick, json=activity, auth=auth, timeout=TIMEOUT)
    answer.raise_for_status()
    print(answer.json()["object"]["id"])


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--check":
        nick, auth = account()
        sys.exit(0 if check(sys.argv[2].rstrip("/"), nick, auth, sys.argv[3], sys.argv[4:]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "--follow":
        follow(sys.argv[2].rstrip("/"), sys.argv[3])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "--post":
        post_note(sys.argv[2].rstrip("/"), sys.argv[3])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "--outbox-has":
        sys.exit(outbox_has(sys.argv[2].rstrip("/"), sys.argv[3]))
    if len(sys.argv) == 4:
        register(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3])
        sys.exit(0)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
