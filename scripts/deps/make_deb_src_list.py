#!/usr/bin/env python3
"""Derive a private deb-src source list from the machine's own apt configuration.

Used by build-wasm-deps.sh so the repository never names an archive host: the
`deb` entries already configured on this machine for Debian's main archive
(<codename>, <codename>-updates) and security archive (<codename>-security)
are re-emitted as `deb-src` entries into a private directory that is passed to
apt-get as Dir::Etc::SourceParts. Nothing under /etc is modified.

  make_deb_src_list.py --codename bookworm --source-list /etc/apt/sources.list \
      --source-parts /etc/apt/sources.list.d --out-dir DIR

Writes DIR/verji-deb-src.sources (deb822 input) and/or DIR/verji-deb-src.list
(one-line input). Exits 2 if no usable entry was found. A summary goes to stderr.
"""

import argparse
import glob
import os
import sys


def wanted_suites(codename):
    return {codename, codename + "-updates", codename + "-security"}


def parse_deb822(text):
    """Yield stanzas as ordered lists of (field, [lines]) keeping continuations."""
    stanza = []
    for raw in text.splitlines():
        if raw.startswith("#"):
            continue  # comment line (allowed anywhere in deb822)
        if not raw.strip():
            if stanza:
                yield stanza
                stanza = []
            continue
        if raw[0] in " \t":
            if stanza:
                stanza[-1][1].append(raw)
            continue
        name, _, value = raw.partition(":")
        stanza.append((name.strip(), [name.strip() + ":" + value]))
    if stanza:
        yield stanza


def field_value(stanza, name):
    for key, lines in stanza:
        if key.lower() == name.lower():
            first = lines[0].partition(":")[2]
            return " ".join([first] + [l.strip() for l in lines[1:]]).strip()
    return None


def convert_deb822(path, suites_ok, notes):
    out = []
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    for stanza in parse_deb822(text):
        enabled = (field_value(stanza, "Enabled") or "yes").strip().lower()
        if enabled in ("no", "false", "0"):
            continue
        types = (field_value(stanza, "Types") or "").split()
        if "deb" not in types:
            continue
        suites = [s for s in (field_value(stanza, "Suites") or "").split()
                  if s in suites_ok]
        if not suites:
            continue
        lines = []
        for key, flines in stanza:
            low = key.lower()
            if low == "types":
                lines.append("Types: deb-src")
            elif low == "suites":
                lines.append("Suites: " + " ".join(suites))
            elif low == "architectures":
                continue  # meaningless for source indexes
            else:
                lines.extend(flines)
        out.append("\n".join(lines))
        notes.append("%s: %s" % (os.path.basename(path), " ".join(suites)))
    return out


def convert_one_line(path, suites_ok, notes):
    out = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            tokens = line.split()
            if tokens[0] != "deb":
                continue
            rest = tokens[1:]
            options = []
            if rest and rest[0].startswith("["):
                # Options may be written "[a=b c=d]" or "[ a=b ]".
                while rest:
                    tok = rest.pop(0)
                    options.append(tok)
                    if tok.endswith("]"):
                        break
            if len(rest) < 2:
                continue
            uri, suite, comps = rest[0], rest[1], rest[2:]
            if suite not in suites_ok or not comps:
                continue
            out.append(" ".join(["deb-src"] + options + [uri, suite] + comps))
            notes.append("%s: %s" % (os.path.basename(path), suite))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codename", required=True)
    ap.add_argument("--source-list", required=True)
    ap.add_argument("--source-parts", required=True)
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()

    suites_ok = wanted_suites(args.codename)
    notes = []
    stanzas, lines = [], []
    if os.path.isfile(args.source_list):
        lines += convert_one_line(args.source_list, suites_ok, notes)
    parts = sorted(glob.glob(os.path.join(args.source_parts, "*")))
    for path in parts:
        if not os.path.isfile(path):
            continue
        try:
            if path.endswith(".sources"):
                stanzas += convert_deb822(path, suites_ok, notes)
            elif path.endswith(".list"):
                lines += convert_one_line(path, suites_ok, notes)
        except (OSError, UnicodeDecodeError) as exc:
            print("warning: skipping %s: %s" % (path, exc), file=sys.stderr)

    os.makedirs(args.out_dir, exist_ok=True)
    for name in ("verji-deb-src.sources", "verji-deb-src.list"):
        try:
            os.unlink(os.path.join(args.out_dir, name))
        except FileNotFoundError:
            pass
    if stanzas:
        with open(os.path.join(args.out_dir, "verji-deb-src.sources"), "w",
                  encoding="utf-8") as fh:
            fh.write("\n\n".join(stanzas) + "\n")
    if lines:
        with open(os.path.join(args.out_dir, "verji-deb-src.list"), "w",
                  encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    if not notes:
        print("error: no enabled 'deb' entry for suites %s found in %s or %s"
              % (" ".join(sorted(suites_ok)), args.source_list,
                 args.source_parts), file=sys.stderr)
        return 2
    for note in notes:
        print("  deb-src derived from " + note, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
