#!/usr/bin/python3
"""Finds and presses widgets of a running Qt client through the accessibility bus (AT-SPI), for the Qt client
scripts (pumpa-session.sh, dianara-session.sh). Qt child widgets have no X window of their own, so xdotool can only
type and press keys; AT-SPI names every button and label, which makes "the like button of the post that says X"
a reliable target instead of screen coordinates.

    qt-ui.py press APP TEXT BUTTON       presses the button named BUTTON of the item whose label contains TEXT
    qt-ui.py press-any APP BUTTON        presses a button named BUTTON anywhere in APP (a dialog's "Yes")
    qt-ui.py press-menu APP MENU ITEM    triggers the item named ITEM of the menu-bar menu MENU (closed menus too)
    qt-ui.py set-text APP NAME TEXT      puts TEXT into the (shown) text field whose name contains NAME
    qt-ui.py wait-label APP TEXT         waits until a label containing TEXT is shown
    qt-ui.py present APP                 exit 0 when APP is on the accessibility bus now (no waiting)
    qt-ui.py dump APP                    prints APP's widget tree (roles, names, actions), to write new steps

Each waits up to QT_UI_DEADLINE seconds (default 60) for its target, polling; exit 0 when done, 1 when the target
never appeared. Needs python3-pyatspi and the client started with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 on a session
bus where the accessibility bus runs (see qt-session-lib.sh).
"""

import os
import sys
import threading
import time

import pyatspi

DEADLINE = float(os.environ.get("QT_UI_DEADLINE", "60"))
POLL = 0.3
# A press that opens a modal dialog does not return until the dialog closes (Qt answers the D-Bus call after the
# click handler); the press has happened by then, so the script stops waiting for the answer after this long.
PRESS_ANSWER_WAIT = 3.0


def application(name):
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name.lower() == name.lower():
            return app
    return None


def descendants(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        yield current
        try:
            stack.extend(reversed([child for child in current]))
        except Exception:  # a widget destroyed while walking: skip it
            continue


def role_and_name(node):
    try:
        return node.getRoleName(), node.name or ""
    except Exception:
        return None, ""


def showing(node):
    try:
        return node.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def shown_text(node):
    """What a label or text widget shows. A plain label's text is its accessible name; a rich-text view (Dianara's
    post bodies) has no name, and its text comes through the AT-SPI Text interface."""
    role, name = role_and_name(node)
    if role not in ("label", "text", "paragraph"):
        return ""
    if name:
        return name
    try:
        return node.queryText().getText(0, -1) or ""
    except Exception:  # no Text interface
        return ""


def labels_hold(node, text):
    for child in descendants(node):
        if text in shown_text(child):
            return True
    return False


# What a click on a post's button is, by toolkit widget: Pumpa's push buttons, Dianara's "Like" check box, the page
# tabs of a tab bar (Dianara's Timeline, Contacts).
PRESSABLE = ("push button", "check box", "toggle button", "page tab")


def button_near_text(app, text, button):
    """The first button named `button` whose nearest enclosing item also shows a label containing `text`."""
    for node in descendants(app):
        role, name = role_and_name(node)
        if role not in PRESSABLE or name.replace("&", "") != button or not showing(node):
            continue
        parent = node.parent
        if parent is not None and labels_hold(parent, text):
            return node
    return None


def any_button(app, button):
    for node in descendants(app):
        role, name = role_and_name(node)
        if role in PRESSABLE and name.replace("&", "") == button and showing(node):
            return node
    return None


def menu_item(app, menu, item):
    """The item named `item` in the menu-bar menu named `menu`. A closed menu's items are not showing, but Qt
    triggers their action when asked, as a click on the opened menu would."""
    for node in descendants(app):
        role, name = role_and_name(node)
        if role == "menu item" and name.replace("&", "") == menu:
            for child in descendants(node):
                child_role, child_name = role_and_name(child)
                if child_role == "menu item" and child_name.replace("&", "") == item:
                    return child
    return None


def any_label(app, text):
    for node in descendants(app):
        if text in shown_text(node):
            return node
    return None


def text_field(app, name):
    for node in descendants(app):
        role, node_name = role_and_name(node)
        if role in ("text", "entry") and name in node_name.replace("&", "") and showing(node):
            return node
    return None


def wait_for(app_name, find):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        app = application(app_name)
        found = find(app) if app is not None else None
        if found is not None:
            return found
        time.sleep(POLL)
    return None


def press(node):
    action = node.queryAction()
    for index in range(action.nActions):
        if action.getName(index) in ("Press", "press", "click", "Toggle", "toggle"):
            worker = threading.Thread(target=action.doAction, args=(index,), daemon=True)
            worker.start()
            worker.join(PRESS_ANSWER_WAIT)
            return True
    return False


def dump(app_name):
    app = application(app_name)
    if app is None:
        print("no application named %s on the accessibility bus" % app_name, file=sys.stderr)
        return 1

    def walk(node, depth):
        role, name = role_and_name(node)
        try:
            action = node.queryAction()
            actions = ",".join(action.getName(i) for i in range(action.nActions))
        except Exception:
            actions = ""
        text = "" if name else shown_text(node)
        print("%s[%s] %r %s%s" % ("  " * depth, role, name, actions, (" text=%r" % text[:80]) if text else ""))
        try:
            for child in node:
                if child is not None:
                    walk(child, depth + 1)
        except Exception:
            pass

    walk(app, 0)
    return 0


def main(argv):
    if len(argv) == 2 and argv[0] == "present":
        return 0 if application(argv[1]) is not None else 1
    if len(argv) == 2 and argv[0] == "dump":
        return dump(argv[1])
    if len(argv) == 4 and argv[0] == "press":
        node = wait_for(argv[1], lambda app: button_near_text(app, argv[2], argv[3]))
    elif len(argv) == 3 and argv[0] == "press-any":
        node = wait_for(argv[1], lambda app: any_button(app, argv[2]))
    elif len(argv) == 4 and argv[0] == "press-menu":
        node = wait_for(argv[1], lambda app: menu_item(app, argv[2], argv[3]))
    elif len(argv) == 4 and argv[0] == "set-text":
        field = wait_for(argv[1], lambda app: text_field(app, argv[2]))
        return 0 if field is not None and field.queryEditableText().setTextContents(argv[3]) else 1
    elif len(argv) == 3 and argv[0] == "wait-label":
        return 0 if wait_for(argv[1], lambda app: any_label(app, argv[2])) is not None else 1
    else:
        print(__doc__, file=sys.stderr)
        return 2
    if node is None:
        return 1
    ok = press(node)
    sys.stdout.flush()
    # A press left waiting on a modal dialog's answer must not keep this process alive.
    os._exit(0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
