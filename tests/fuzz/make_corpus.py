#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, tests/fuzz/corpus/<target>/, from what the other tests use.

    python3 tests/fuzz/make_corpus.py      (from anywhere; rewrites every corpus directory)

Sources, all in the repository:
  tests/core/transcripts/*.jsonl   the golden widget-protocol transcripts: each becomes a script of
                                   widget_inbound (fuzz_widget_inbound.cpp says the format); their
                                   bot messages and status blocks seed bot_status; their invites
                                   seed invite_roundtrip
  web/preview/states.json          the designers' preview states: what the admin types into each
                                   field, the bot's answers
  tests/invite-check/*.jsonl       the command-line checker's invite records
  tests/core/test_<unit>.cpp       the string literals of each unit's tests (C escapes decoded)

Each seed is a file named after the SHA-1 of its bytes (as libFuzzer names what it finds), so a
rerun gives the same files. The seeds are committed; run this again when the sources change.
"""
import hashlib
import json
import pathlib
import re
import shutil

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = HERE / "corpus"
MAX_SEED = 1 << 16  # bytes; the transcripts are the largest (a few KiB to 30 KiB)

seeds = {}


def add(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if data and len(data) <= MAX_SEED:
        seeds.setdefault(target, set()).add(data)


# --- C++ string literals of a test file ------------------------------------------------------------
LITERAL = re.compile(r'(?<![A-Za-z0-9_])(u8)?"((?:[^"\\\n]|\\.)*)"')


def decode_c(body):
    out = bytearray()
    i = 0
    simple = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, '"': 34, "'": 39, "a": 7, "b": 8, "f": 12, "v": 11}
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        n = body[i + 1]
        if n == "x":
            m = re.match(r"[0-9A-Fa-f]+", body[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        elif n in "01234567" and re.match(r"[0-7]{1,3}", body[i + 1:]).group(0) != "0":
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        elif n in ("u", "U"):
            width = 4 if n == "u" else 8
            out += chr(int(body[i + 2:i + 2 + width], 16)).encode("utf-8", "surrogatepass")
            i += 2 + width
        else:
            out.append(simple.get(n, ord(n)))
            i += 2
    return bytes(out)


def literals(test_file):
    text = (REPO / "tests" / "core" / test_file).read_text(encoding="utf-8")
    text = re.sub(r"^\s*#include.*$", "", text, flags=re.M)
    found = []
    # Adjacent literals ("a" "b") are one string in C++.
    for m in re.finditer(r'(?:(?:u8)?"(?:[^"\\\n]|\\.)*"\s*)+', text):
        parts = [decode_c(p.group(2)) for p in LITERAL.finditer(m.group(0))]
        found.append(b"".join(parts))
    return found


# --- the golden transcripts -------------------------------------------------------------------------
invites = []  # (content) of every submitted invite
for path in sorted((REPO / "tests" / "core" / "transcripts").glob("*.jsonl")):
    script = []
    now = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        line = json.loads(raw)
        at = line.get("at", now)
        if "in" in line or "in_text" in line:
            if at > now:
                script.append("~%d" % at)
                now = at
            text = json.dumps(line["in"], ensure_ascii=False, separators=(",", ":")) if "in" in line else line["in_text"]
            if "\n" in text:
                continue  # one message per line
            script.append(text)
            message = line.get("in")
            data = message.get("data") if isinstance(message, dict) else None
            content = data.get("content") if isinstance(data, dict) else None
            if isinstance(content, dict):
                if isinstance(content.get("body"), str):
                    add("bot_status", content["body"])
                    add("sensitive", content["body"])
                if "app.verji.invite.status" in content:
                    add("bot_status", json.dumps(content["app.verji.invite.status"], ensure_ascii=False))
                if "app.verji.invite" in content:
                    invites.append(content["app.verji.invite"])
        elif line.get("do") == "start":
            script.append("!start")
        elif line.get("do") == "tick":
            script.append("@%d" % max(at, now))
            now = max(at, now)
        elif line.get("do") == "submit":
            if at > now:
                script.append("~%d" % at)
                now = at
            script.append("!submit " + json.dumps(line["content"], ensure_ascii=False, separators=(",", ":")))
            invites.append(line["content"].get("app.verji.invite", {}))
        elif line.get("do") == "resend":
            script.append("!resend")
        elif line.get("do") == "request_capabilities":
            script.append("!caps")
    add("widget_inbound", "\n".join(script))

# --- the preview states -----------------------------------------------------------------------------
FIELD_TARGET = {"email": "validate_email", "full_name": "validate_name", "phone": "validate_phone",
                "welcome_message": "validate_welcome"}
forms = []
for state in json.loads((REPO / "web" / "preview" / "states.json").read_text(encoding="utf-8")):
    form = {}
    for step in state.get("script", []):
        if "edit" in step and step["edit"] in FIELD_TARGET:
            form[step["edit"]] = step["text"]
        if "choose" in step and "value" in step:
            form[step["choose"]] = step["value"]
        if "bot" in step:
            add("bot_status", step["bot"])
    if form:
        forms.append(form)

# --- invite-check's records -------------------------------------------------------------------------
for path in sorted((REPO / "tests" / "invite-check").glob("*.jsonl")):
    if "expected" in path.name:
        continue
    for raw in path.read_bytes().splitlines():
        try:
            record = json.loads(raw)
        except ValueError:
            continue
        if isinstance(record, dict) and all(isinstance(v, str) for v in record.values()):
            forms.append(record)

for form in forms:
    for field, target in FIELD_TARGET.items():
        if field in form:
            value = form[field]
            add(target, value if target != "validate_phone" else "\x18" + value)  # NO, SMS chosen
            if target == "validate_welcome":
                add("sensitive", value)
    for field in ("user_type", "verification"):
        if field in form:
            add("validate_user_type", form[field])

for block in invites:
    forms.append({"email": block.get("email", ""), "full_name": block.get("full_name", ""),
                  "phone": block.get("phone", ""), "welcome_message": block.get("welcome_message", ""),
                  "verification": block.get("verification", ""), "user_type": block.get("user_type", "")})

# invite_roundtrip: the choices byte (fuzz_invite_roundtrip.cpp), then the four texts.
for form in forms:
    flags = 0
    if form.get("verification") in ("sms", "email"):
        flags |= 0x01 | (0x02 if form["verification"] == "sms" else 0)
    if form.get("user_type") == "administrator":
        flags |= 0x04
    texts = [form.get(k, "") for k in ("email", "full_name", "phone")]
    if any("\n" in t for t in texts):
        continue
    for lang in (0, 0x08):
        add("invite_roundtrip", bytes([flags | lang]) + "\n".join(texts + [form.get("welcome_message", "")]).encode())

# --- the unit tests' own inputs ---------------------------------------------------------------------
for test_file, target in [("test_validate_email.cpp", "validate_email"),
                          ("test_validate_name.cpp", "validate_name"),
                          ("test_username.cpp", "validate_name"),
                          ("test_validate_welcome.cpp", "validate_welcome"),
                          ("test_sensitive.cpp", "sensitive"),
                          ("test_bot_status.cpp", "bot_status"),
                          ("test_url_params.cpp", "url_params"),
                          ("test_widget_config.cpp", "url_params"),
                          ("test_validate_user_type.cpp", "validate_user_type")]:
    for value in literals(test_file):
        add(target, value)
for value in literals("test_validate_phone.cpp") + literals("test_phone.cpp"):
    add("validate_phone", b"\x18" + value)  # NO, SMS chosen
    add("validate_phone", b"\x00" + value)  # NO, not chosen
for word in ("standard", "administrator", "sms", "email", "Administrator", "admin"):
    add("validate_user_type", word)
# url_params: each test's query joined with a fragment of the bot and the region.
for value in literals("test_widget_config.cpp"):
    if value.startswith(b"?") or value.startswith(b"#"):
        add("url_params", value + b"#bot=%40companybot%3Averji.app&phone_region=se&silence=45")

for target in ["widget_inbound", "bot_status", "validate_email", "validate_name", "validate_phone",
               "validate_user_type", "validate_welcome", "url_params", "sensitive", "invite_roundtrip"]:
    directory = CORPUS / target
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for data in sorted(seeds.get(target, ())):
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
    print("%-20s %4d seeds" % (target, len(seeds.get(target, ()))))
