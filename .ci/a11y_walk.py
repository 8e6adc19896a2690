#!/usr/bin/python3
"""Walks the accessibility tree a screen reader sees (AT-SPI) and checks that the named controls are there.

Run by `.ci/a11y` inside a D-Bus session with the AT-SPI bus running and the app's window open. Each
argument is ROLE=TEXT: a node whose AT-SPI role name is ROLE (as `pyatspi` spells it: "slider",
"push button", ...) and whose accessible name contains TEXT (case-insensitive) must be in the tree of
an application on the desktop. The whole tree is written to the file named by --tree, so a failure
shows what a screen reader saw instead.

Exit status: 0 when every wanted node was found within --timeout seconds, 1 otherwise.
"""

import argparse
import sys
import time

import pyatspi


def walk(node, depth, out, seen):
    """Every (depth, role, name) under `node`, depth first; a node's children at most 2000."""
    if node is None or depth > 60:
        return
    try:
        key = hash(node)
        if key in seen:
            return
        seen.add(key)
        role = node.getRoleName()
        name = node.name or ""
        count = node.childCount
    except Exception as error:  # a node that went away while walking
        out.append((depth, "gone", str(error)))
        return
    out.append((depth, role, name))
    for i in range(min(count, 2000)):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        walk(child, depth + 1, out, seen)


def tree():
    nodes = []
    desktop = pyatspi.Registry.getDesktop(0)
    walk(desktop, 0, nodes, set())
    return nodes


def missing(nodes, wanted):
    return [
        (role, text)
        for role, text in wanted
        if not any(r == role and text.lower() in n.lower() for _, r, n in nodes)
    ]


def nameless(nodes, roles):
    """Controls of `roles` whose name has no word or number in it (empty, or only a symbol such as
    "📷" or "⚐"), which a screen reader can only read as a symbol's name."""
    return [(r, n) for _, r, n in nodes if r in roles and not any(c.isalnum() for c in n)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wanted", nargs="+", help="ROLE=TEXT, e.g. 'push button=vastleggen'")
    parser.add_argument("--tree", required=True, help="file to write the whole tree to")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument(
        "--named",
        default="push button,toggle button,slider,combo box,check box,radio button",
        help="comma-separated roles every node of which must have words or numbers in its name",
    )
    args = parser.parse_args()
    wanted = []
    for item in args.wanted:
        role, sep, text = item.partition("=")
        if not sep:
            parser.error(f"{item!r} is not ROLE=TEXT")
        wanted.append((role, text))

    deadline = time.monotonic() + args.timeout
    nodes = []
    lost = wanted
    while time.monotonic() < deadline:
        nodes = tree()
        lost = missing(nodes, wanted)
        if not lost:
            break
        time.sleep(2)
    with open(args.tree, "w", encoding="utf-8") as f:
        for depth, role, name in nodes:
            f.write(f"{'  ' * depth}{role}: {name}\n")
    print(f"accessibility tree: {len(nodes)} nodes (written to {args.tree})")
    for role, text in wanted:
        state = "MISSING" if (role, text) in lost else "found"
        print(f"  {state}: {role} named '…{text}…'")
    unnamed = nameless(nodes, set(filter(None, args.named.split(","))))
    for role, name in unnamed:
        print(f"  NO NAME: a {role} a screen reader can only call {name!r}")
    return 1 if lost or unnamed else 0


if __name__ == "__main__":
    sys.exit(main())
