#!/usr/bin/python3
"""Lists a running Qt 5 client with the AT-SPI registry when the client's own registration was lost.

    qt-a11y-embed.py APP      exit 0 when a connection on the accessibility bus whose root is named APP was found
                              and registered with the registry; 1 when none was

Why: a Qt 5.15 application registers itself once, at start, by calling the registry's
`org.a11y.atspi.Socket.Embed` over its accessibility-bus connection. On a headless session that call is often made
before the connection is ready; Qt logs "qt.accessibility.atspi: Error in contacting registry: ... Not connected
to D-Bus server" (with QT_LOGGING_RULES=qt.accessibility.atspi=true) and never retries, so the client is on the
bus, answering for its widgets, but not listed on the desktop that pyatspi walks. This script makes that same
`Embed` call on the client's behalf, with the client's own bus name and root path, as described by the AT-SPI2
D-Bus interfaces (at-spi2-core, xml/Socket.xml). Needs python3-gi (a dependency of python3-pyatspi).
"""

import sys

from gi.repository import Gio, GLib

ROOT_PATH = "/org/a11y/atspi/accessible/root"
BUS = "org.freedesktop.DBus"


def accessibility_bus_address(session):
    reply = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", None, None, 0, 5000)
    return reply.unpack()[0]


def root_name(bus, peer):
    reply = bus.call_sync(
        peer,
        ROOT_PATH,
        "org.freedesktop.DBus.Properties",
        "Get",
        GLib.Variant("(ss)", ("org.a11y.atspi.Accessible", "Name")),
        None,
        0,
        3000,
    )
    return reply.unpack()[0]


def embed(app):
    session = Gio.bus_get_sync(Gio.BusType.SESSION)
    flags = Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
    bus = Gio.DBusConnection.new_for_address_sync(accessibility_bus_address(session), flags)
    names = bus.call_sync(BUS, "/org/freedesktop/DBus", BUS, "ListNames", None, None, 0, 5000).unpack()[0]
    found = False
    for peer in names:
        if not peer.startswith(":") or peer == bus.get_unique_name():
            continue
        try:
            if root_name(bus, peer).lower() != app.lower():
                continue
        except GLib.Error:  # the registry, pyatspi clients and others without an accessible root
            continue
        bus.call_sync(
            "org.a11y.atspi.Registry",
            ROOT_PATH,
            "org.a11y.atspi.Socket",
            "Embed",
            GLib.Variant("((so))", ((peer, ROOT_PATH),)),
            None,
            0,
            5000,
        )
        found = True
    return found


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write("usage: qt-a11y-embed.py APP\n")
        sys.exit(2)
    sys.exit(0 if embed(sys.argv[1]) else 1)
