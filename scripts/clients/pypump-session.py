#!/usr/bin/python3
"""Drives a whole PyPump 0.7 session (Debian's python3-pypump) against a running Pumphouse.

    /usr/bin/python3 scripts/clients/pypump-session.py http://127.0.0.1:PORT

It starts nothing: the server must already run (see docs/clients.md). Two users are registered through
`POST /api/users` as a pump.io client registers them; alice then logs in the three-legged OAuth way, the verifier
taken from the authorize page as a browser gets it (log in, press the consent button), and bob uses the token his
registration answered. Every step prints PASS, FAIL or SKIP with its reason; the exit code is 1 when a step
failed, 2 when the run could not start. Loopback only: the script refuses any other host.

PyPump quirks worked around here (its own behaviour, not the server's; see its source under
/usr/lib/python3/dist-packages/pypump):
- It always speaks https first and only falls back to http when `verify_requests=False`, and then on every request
  again; the loopback server has no TLS, so `HttpPump` pins the scheme to http.
- `Person.isme` takes the host from an `acct:` id (`id.split("@")[-1]`). pump.io, and Pumphouse with it
  (docs/protocol.md §1.3), names persons `acct:nick@host` only on ports 80 and 443, and by their profile URL
  `http://host:port/api/user/nick/profile` on any other port, so PyPump refuses to read its own inbox there
  ("You can't read other people's inboxes"). `patch_isme` also accepts the profile URL form.
- A feed that was read whole is cached forever (`Feed.is_cached`): `pump.me.lists.create()` then looks for the
  new list in the stale cache and answers None, and the cached items of an activity stream are bare PumpObjects
  (the cache is filled before PyPump gives inbox activities their objectType), so a second look at a stream finds
  no activity's object. The script reads every stream it checks through a fresh feed object.
- `Image.from_file` sends `Content-Length` as an int, which the python3-requests of Debian 12 refuses before
  anything is sent ("Header part ... must be of type str or bytes"); `HttpPump.request` passes header values on as
  strings.
"""

import ipaddress
import os
import secrets
import struct
import sys
import tempfile
import traceback
import urllib.parse
import zlib
from html.parser import HTMLParser

import requests
from requests_oauthlib import OAuth1

from pypump import Client, PyPump, WebPump
from pypump.models.person import Person
from pypump.models.feed import Lists, Outbox
from pypump.store import DummyStore

TIMEOUT = 30
RESULTS = []


def patch_isme():
    """PyPump's `Person.isme`, also true for a profile-URL person id of the client's own user (see above)."""
    original = Person.isme.fget

    def isme(person):
        own_url = "%s://%s/api/user/%s/profile" % (person._pump.protocol, person._pump.client.server,
                                                   person._pump.client.nickname)
        return original(person) or person.id == own_url

    Person.isme = property(isme)


class HttpPump(PyPump):
    """PyPump, pinned to plain http (it tries https first on every request otherwise)."""

    protocol = property(lambda self: "http", lambda self, value: None)

    def request(self, endpoint, *args, headers=None, **kwargs):
        if headers is not None:
            headers = {name: str(value) for name, value in headers.items()}
        return super().request(endpoint, *args, headers=headers, **kwargs)


# ---------------------------------------------------------------------------------------------------- reporting


class Skip(Exception):
    """A step that cannot run on this server (e.g. a feature not there yet)."""


def step(name):
    """Runs fn as one step; prints PASS/FAIL/SKIP and answers its value (None when it did not pass)."""

    def run(fn, *args):
        try:
            value = fn(*args)
        except Skip as skipped:
            RESULTS.append(("SKIP", name, str(skipped)))
            print("SKIP  %s: %s" % (name, skipped), flush=True)
            return None
        except Exception as error:  # every failure of a step is reported, and the session goes on
            reason = "%s: %s" % (type(error).__name__, error)
            RESULTS.append(("FAIL", name, reason))
            print("FAIL  %s: %s" % (name, reason), flush=True)
            if os.environ.get("PYPUMP_SESSION_TRACE"):
                traceback.print_exc()
            return None
        RESULTS.append(("PASS", name, ""))
        print("PASS  %s" % name, flush=True)
        return value if value is not None else True

    return run


def check(condition, reason):
    if not condition:
        raise AssertionError(reason)


# ---------------------------------------------------------------------------------------------------- HTTP helpers


class FormParser(HTMLParser):
    """Collects each form's inputs and the text of elements with an id (enough for the authorize pages)."""

    def __init__(self):
        super().__init__()
        self.forms = {}
        self.texts = {}
        self._form = None
        self._text_id = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = attrs.get("id", "")
            self.forms[self._form] = {"action": attrs.get("action"), "fields": {}}
        elif tag == "input" and self._form is not None and attrs.get("name"):
            self.forms[self._form]["fields"][attrs["name"]] = attrs.get("value") or ""
        if attrs.get("id"):
            self._text_id = attrs["id"]
            self.texts.setdefault(self._text_id, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._text_id is not None:
            self.texts[self._text_id] += data.strip()
            if data.strip():
                self._text_id = None


def parse_page(html):
    parser = FormParser()
    parser.feed(html)
    return parser


def register_client(base, name):
    """`POST /api/client/register` with the body PyPump's Client sends."""
    response = requests.post(
        base + "/api/client/register",
        json={"type": "client_associate", "application_type": "native", "application_name": name},
        timeout=TIMEOUT,
    )
    check(response.status_code == 200, "client registration answered %s %s" % (response.status_code, response.text))
    body = response.json()
    return body["client_id"], body["client_secret"]


def register_user(base, client, nickname, password):
    """`POST /api/users`, signed with the client's key (two-legged), as pump.io clients register people."""
    auth = OAuth1(client_key=client[0], client_secret=client[1])
    response = requests.post(
        base + "/api/users", json={"nickname": nickname, "password": password}, auth=auth, timeout=TIMEOUT
    )
    check(response.status_code == 200, "POST /api/users answered %s %s" % (response.status_code, response.text))
    body = response.json()
    check("token" in body and "secret" in body, "the registration answered no token: %s" % sorted(body))
    return body


def browser_verifier(nickname, password):
    """A verifier callback for PyPump: opens the authorize URL as a browser, logs in and presses consent."""
    found = {}

    def callback(url):
        browser = requests.Session()
        page = browser.get(url, timeout=TIMEOUT)
        check(page.status_code == 200, "GET %s answered %s" % (url, page.status_code))
        login = parse_page(page.text).forms.get("oauth-authentication")
        check(login is not None, "the authorize page has no login form")
        fields = dict(login["fields"], username=nickname, password=password)
        page = browser.post(urllib.parse.urljoin(url, login["action"] or url), data=fields, timeout=TIMEOUT)
        check(page.status_code == 200, "the login form answered %s" % page.status_code)
        consent = parse_page(page.text).forms.get("authorize")
        check(consent is not None, "after logging in there is no consent form")
        page = browser.post(
            urllib.parse.urljoin(url, consent["action"] or page.url), data=consent["fields"], timeout=TIMEOUT
        )
        check(page.status_code == 200, "the consent form answered %s" % page.status_code)
        verifier = parse_page(page.text).texts.get("verifier")
        check(verifier, "the finish page shows no verifier")
        found["verifier"] = verifier
        return verifier

    return callback, found


def tiny_png():
    """A valid 1x1 PNG, made here so the script needs no file."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def fresh(feed):
    """The same stream as a new Feed object: PyPump's cache of a feed read whole goes stale (see above)."""
    return feed.__class__(feed.url or feed.id, pypump=feed._pump)


def ids(feed, limit=50):
    """The ids of a feed's items (objects), or of the objects of its activities."""
    found = []
    for item in fresh(feed).items(limit=limit):
        found.append(item.id)
        inner = getattr(item, "obj", None)
        if inner is not None:
            found.append(inner.id)
    return found


# ---------------------------------------------------------------------------------------------------- the session


def main():
    if len(sys.argv) != 2:
        print("usage: pypump-session.py http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    base = sys.argv[1].rstrip("/")
    url = urllib.parse.urlsplit(base)
    try:
        loopback = url.hostname == "localhost" or ipaddress.ip_address(url.hostname).is_loopback
    except ValueError:
        loopback = False
    if url.scheme != "http" or not loopback:
        print("pypump-session: only http on a loopback address (got %s)" % base, file=sys.stderr)
        return 2
    server = url.netloc
    patch_isme()
    try:
        requests.get(base + "/api/health", timeout=TIMEOUT)
    except requests.RequestException as error:
        print("pypump-session: no server at %s (%s)" % (base, error), file=sys.stderr)
        return 2

    suffix = secrets.token_hex(3)
    alice_nick, bob_nick = "alice" + suffix, "bob" + suffix
    alice_password, bob_password = "alice-" + secrets.token_hex(8), "bob-" + secrets.token_hex(8)
    print("PyPump session against %s as %s and %s" % (base, alice_nick, bob_nick), flush=True)

    client = step("register an OAuth client (POST /api/client/register)")(register_client, base, "pypump-session")
    if not client:
        return summary()
    step("register alice (POST /api/users)")(register_user, base, client, alice_nick, alice_password)
    bob_registration = step("register bob (POST /api/users)")(register_user, base, client, bob_nick, bob_password)

    def alice_logs_in():
        callback, found = browser_verifier(alice_nick, alice_password)
        pump = HttpPump(
            client=Client(webfinger="%s@%s" % (alice_nick, server), type="native", name="pypump-session"),
            verifier_callback=callback,
            store=DummyStore(),
            timeout=TIMEOUT,
        )
        check(found.get("verifier"), "PyPump never asked for a verifier")
        check("oauth-access-token" in pump.store, "no access token after the verifier")
        return pump

    alice = step("alice logs in through OAuth (request token, authorize page, consent, access token)")(
        alice_logs_in
    )

    def bob_with_registration_token():
        store = DummyStore()
        store.update(
            {
                "client-key": client[0],
                "client-secret": client[1],
                "client-expirey": 0,
                "oauth-access-token": bob_registration["token"],
                "oauth-access-secret": bob_registration["secret"],
            }
        )
        return HttpPump(
            client=Client(webfinger="%s@%s" % (bob_nick, server), type="native", name="pypump-session"),
            verifier_callback=lambda url: None,
            store=store,
            timeout=TIMEOUT,
        )

    bob = step("bob uses the token his registration answered")(bob_with_registration_token) if bob_registration else None
    if not alice or not bob:
        return summary()

    def whoami(pump, nick):
        me = pump.me
        check(me.username == nick, "pump.me is %r, not %s" % (me.username, nick))
        for link in ("activity-inbox", "activity-outbox", "followers", "following", "favorites", "lists"):
            check(link in me.links, "the profile has no %s link (links: %s)" % (link, sorted(me.links)))
        check(me.isme, "PyPump does not see %s as itself (id %s, client server %s)" % (nick, me.id, server))
        return me

    step("alice reads her profile (pump.me)")(whoami, alice, alice_nick)
    step("bob reads his profile (pump.me)")(whoami, bob, bob_nick)

    def alice_reads_bob():
        person = alice.Person("%s@%s" % (bob_nick, server))
        check(person.username == bob_nick, "alice.Person(bob) has no preferredUsername (id %s)" % person.id)
        return person

    def update_client():
        # Client.register() on a client that has a key sends `client_update` with its id and secret
        check(alice.client.update() is True, "client_update did not succeed")

    step("alice's client updates its registration (client_update)")(update_client)

    def logged_in():
        # WebPump.logged_in: GET /api/whoami must answer a redirect to the user's own profile
        check(WebPump.logged_in.fget(alice), "WebPump.logged_in is False (whoami did not redirect to the profile)")

    step("alice is logged in (WebPump.logged_in: /api/whoami redirects to her profile)")(logged_in)

    def update_profile():
        me = alice.me
        me.display_name = "Alice of PyPump"
        me.summary = "Testing " + suffix
        me.location = alice.Place("Montreal")
        me.update()
        again = alice.request(me.links["self"])
        check(again.get("displayName") == "Alice of PyPump", "the profile reads back %r" % again.get("displayName"))
        check((again.get("location") or {}).get("displayName") == "Montreal", "the location reads back %r" % again.get("location"))

    step("alice updates her profile (Person.update)")(update_profile)

    bob_for_alice = step("alice looks bob up (pump.Person)")(alice_reads_bob)
    alice_for_bob = step("bob looks alice up (pump.Person)")(lambda: bob.Person("%s@%s" % (alice_nick, server)))

    def follow(who, person):
        person.follow()
        check(person.id in ids(who.me.following), "%s is not in the following stream" % person.id)
        check(who.me.id in ids(person.followers), "%s is not in %s's followers" % (who.me.id, person.id))

    if alice_for_bob:
        step("bob follows alice")(follow, bob, alice_for_bob)
    if bob_for_alice:
        step("alice follows bob")(follow, alice, bob_for_alice)

    def post_note():
        note = alice.Note("Hello from PyPump, " + suffix)
        note.to = alice.Public
        note.send()
        check(note.id, "the posted note has no id")
        for link in ("likes", "replies", "shares"):
            check(link in note.links, "the answer to the post has no %s (links: %s)" % (link, sorted(note.links)))
        return note

    note = step("alice posts a public note (Note.send)")(post_note)

    def find_in(feed, wanted):
        for item in fresh(feed).items(limit=50):
            obj = getattr(item, "obj", item)
            if obj.id == wanted:
                return obj
        raise AssertionError("%s is not in %s" % (wanted, feed.url))

    def read_stream(feed):
        items = list(feed.items(limit=40))
        for item in items:
            if getattr(item, "verb", None) is not None and item.content is None:
                raise AssertionError("the %s activity %s has no content (PyPump's str() of it raises)" % (item.verb, item.id))
            str(item)  # PyPump's own printing, as its command-line tools do
        return items

    for who, pump in (("bob", bob), ("alice", alice)):
        me = pump.me
        for name, feed in (
            ("inbox", lambda: me.inbox),
            ("inbox major", lambda: me.inbox.major),
            ("inbox minor", lambda: me.inbox.minor),
            ("inbox direct", lambda: me.inbox.direct),
            ("outbox", lambda: me.outbox),
            ("outbox major", lambda: me.outbox.major),
            ("outbox minor", lambda: me.outbox.minor),
            ("followers", lambda: me.followers),
            ("following", lambda: me.following),
            ("favorites", lambda: me.favorites),
            ("lists", lambda: me.lists),
        ):
            step("%s reads %s" % (who, name))(lambda f=feed: read_stream(f()))

    def delete(pump, obj):
        obj.delete()
        check(obj.deleted is not None, "the answer to the delete has no `deleted` on its object")
        response = requests.get(obj.links.get("self", obj.id), auth=pump.setup_oauth_client(), timeout=TIMEOUT)
        check(response.status_code in (200, 410), "reading it again answered %s" % response.status_code)
        if response.status_code == 200:
            check("deleted" in response.json(), "it reads back without `deleted`")

    bobs_note = None
    if note:
        bobs_note = step("bob finds alice's note in his inbox (major)")(lambda: find_in(bob.me.inbox.major, note.id))

    if bobs_note:

        def like():
            bobs_note.like()
            check(bobs_note.liked is True, "the answer to the like says liked=%r" % bobs_note.liked)
            check(bob.me.id in ids(bobs_note.likes), "bob is not in the note's likes")
            check(note.id in ids(bob.me.favorites), "the note is not in bob's favorites")

        def share():
            bobs_note.share()
            check(bob.me.id in ids(bobs_note.shares), "bob is not in the note's shares")
            check(note.id in ids(alice.me.inbox), "alice does not see the share in her inbox")

        def reply():
            comment = bob.Comment("A reply from PyPump, " + suffix, in_reply_to=bobs_note)
            comment.send()
            check(comment.id, "the reply has no id")
            check(comment.id in ids(note.comments), "the reply is not in the note's replies")
            return comment

        def unlike():
            bobs_note.unlike()
            check(bobs_note.liked is False, "the answer to the unlike says liked=%r" % bobs_note.liked)
            check(bob.me.id not in ids(bobs_note.likes), "bob is still in the note's likes")
            check(note.id not in ids(bob.me.favorites), "the note is still in bob's favorites")

        def unshare():
            bobs_note.unshare()
            check(bob.me.id not in ids(bobs_note.shares), "bob is still in the note's shares")

        step("bob likes the note")(like)
        step("bob shares the note")(share)
        comment = step("bob replies to the note (Comment.send)")(reply)
        step("bob unlikes the note")(unlike)
        step("bob unshares the note")(unshare)
        if comment:
            step("bob deletes his reply")(lambda: delete(bob, comment))

    def direct_note():
        message = alice.Note("Just for bob, " + suffix)
        message.to = bob_for_alice
        message.send()
        find_in(bob.me.inbox.direct, message.id)

    if bob_for_alice:
        step("alice sends bob a direct note; it is in his direct inbox")(direct_note)

    def lists():
        created = Lists(alice.me.links["lists"], pypump=alice).create("PyPump pals " + suffix, content="made by pypump-session")
        check(created is not None, "the new list is not in alice's lists")
        created.add(bob_for_alice)
        check(bob_for_alice.id in ids(created.members), "bob is not a member of the new list")
        created.remove(bob_for_alice)
        check(bob_for_alice.id not in ids(created.members), "bob is still a member after remove")
        created.delete()
        names = [item.display_name for item in fresh(alice.me.lists).items(limit=None)]
        check(created.display_name not in names, "the deleted list is still in alice's lists")

    if bob_for_alice:
        step("alice creates a list, adds bob, removes him and deletes the list")(lists)

    if note:
        step("alice deletes her note")(lambda: delete(alice, note))

    def paging():
        posted = []
        for number in range(25):
            page_note = bob.Note("Paging note %d, %s" % (number, suffix))
            page_note.send()
            posted.append(page_note.id)
        outbox = Outbox(bob.me.links["activity-outbox"], pypump=bob)
        seen = [activity.obj.id for activity in outbox.items(limit=None) if activity.verb == "post"]
        check(len(seen) == len(set(seen)), "paging through the outbox repeats items")
        missing = [item for item in posted if item not in seen]
        check(not missing, "paging through the outbox misses %d of the 25 notes" % len(missing))
        newest = [activity.obj.id for activity in fresh(outbox).items(limit=3)]
        check(newest == list(reversed(posted))[:3], "the first three items are not the newest three notes")
        middle = list(fresh(outbox).items(limit=5, offset=10))
        check([a.obj.id for a in middle] == list(reversed(posted))[10:15], "offset=10 does not start at the 11th item")
        anchor = list(fresh(outbox).items(limit=1, offset=5))[0]
        before = [a.obj.id for a in fresh(outbox).items(limit=3, before=anchor)]
        check(before == list(reversed(posted))[6:9], "before=<6th item> does not answer the three older ones")
        since = [a.obj.id for a in fresh(outbox).items(limit=None, since=anchor)]
        check(sorted(since) == sorted(posted[-5:]), "since=<6th item> answers %d items, not the 5 newer" % len(since))
        check(len(fresh(outbox)) >= 25, "len(outbox) is %d" % len(fresh(outbox)))

    step("bob posts 25 notes and pages through his outbox (next links, offset, before, since)")(paging)

    def upload():
        folder = tempfile.mkdtemp(prefix="pypump-session-")
        path = os.path.join(folder, "pixel.png")
        with open(path, "wb") as out:
            out.write(tiny_png())
        probe = requests.post(
            base + "/api/user/%s/uploads" % alice_nick,
            data=tiny_png(),
            headers={"Content-Type": "image/png"},
            auth=alice.setup_oauth_client(),
            timeout=TIMEOUT,
        )
        if probe.status_code == 404:
            raise Skip("uploads not available (POST /api/user/:nick/uploads answered 404)")
        image = alice.Image(display_name="A pixel " + suffix)
        image.from_file(path)
        check(image.id, "the posted image has no id")
        check(getattr(image, "original", None) is not None, "the image has no fullImage")
        check(image.id in ids(alice.me.outbox), "the image is not in alice's outbox")

    step("alice uploads an image and posts it (Image.from_file)")(upload)

    if alice_for_bob:

        def unfollow():
            alice_for_bob.unfollow()
            check(alice_for_bob.id not in ids(bob.me.following), "alice is still in bob's following")

        step("bob stops following alice")(unfollow)

    return summary()


def summary():
    failed = [r for r in RESULTS if r[0] == "FAIL"]
    counts = {kind: len([r for r in RESULTS if r[0] == kind]) for kind in ("PASS", "FAIL", "SKIP")}
    print("\n%(PASS)d passed, %(FAIL)d failed, %(SKIP)d skipped" % counts, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
