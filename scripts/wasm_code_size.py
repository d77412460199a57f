#!/usr/bin/env python3
"""Where a wasm module's bytes go: its sections, and its code section by library.

    scripts/wasm_code_size.py MODULE.wasm [--top N]

MODULE must carry a name section (link with --profiling-funcs; scripts/size-report --code builds
such a twin of the widget). Each function body is attributed to a library by its demangled name;
the rules are in LIBRARIES, first match wins. Sizes are raw bytes of the function bodies; the
brotli column compresses each library's bodies together (a rough share: the module compresses as
a whole, so the parts do not add up exactly to the file's brotli size).
"""
import argparse
import collections
import re
import subprocess
import sys

SECTIONS = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
            6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
            12: "data count"}

# (library, pattern searched in the demangled name). Namespaces first, then the C runtime.
LIBRARIES = [
    ("libphonenumber", r"i18n::phonenumbers::"),
    ("protobuf-lite", r"google::protobuf::"),
    ("re2", r"\bre2::"),
    ("abseil", r"\babsl::"),
    ("nlohmann_json", r"\bnlohmann::"),
    ("verji", r"\bverji::"),
    ("imgui", r"(\bImGui|\bIm[A-Z]\w*::|^Im[A-Z]|\bstbtt|\bstbrp|\bstb_|^stb)"),
    ("libc++ streams+locale", r"std::__2::(basic_(i|o|io)stream|basic_ios|basic_(string)?streambuf|"
                              r"basic_stringstream|basic_[io]stringstream|ios_base|locale|ctype|codecvt|"
                              r"num_get|num_put|__num_(get|put)|money|time_get|time_put|__time|"
                              r"numpunct|moneypunct|messages|collate|__stdinbuf|__stdoutbuf|__do_)"),
    ("libc++ other", r"\bstd::"),
    ("glfw/gl glue", r"^(glfw|_glfw|emscripten_gl|gl[A-Z])"),
]
RUNTIME = re.compile(r"^(__|_|mem|str|wcs|wmem|mb|wc|is|to|dl|sbrk|malloc|free|calloc|realloc|"
                     r"v?s?n?printf|fmt_|pop_arg|out|pad|getint|scanf|vsscanf|fprintf|fwrite|"
                     r"frexp|scalbn|fmod|floor|ceil|round|sqrt|pow|exp|log|sin|cos|tan|atan|"
                     r"emscripten_|abort|strto|qsort|bsearch|getenv|sn?printf)")


def leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def sections(data):
    if data[:4] != b"\0asm":
        sys.exit("wasm_code_size: not a wasm module")
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        yield sid, i, size
        i += size


def imported_functions(data, start):
    count, i = leb(data, start)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, i = leb(data, i)
            i += n
        kind = data[i]
        i += 1
        if kind == 0:  # function: type index
            _, i = leb(data, i)
            functions += 1
        elif kind in (1, 2):  # table (elem type + limits) or memory (limits)
            if kind == 1:
                i += 1
            flags = data[i]
            _, i = leb(data, i + 1)
            if flags & 1:
                _, i = leb(data, i)
        elif kind == 3:  # global: value type + mutability
            i += 2
        else:
            sys.exit(f"wasm_code_size: unknown import kind {kind}")
    return functions


def function_names(data, start, size):
    n, i = leb(data, start)
    if data[i:i + n] != b"name":
        return None
    i += n
    end = start + size
    names = {}
    while i < end:
        sub = data[i]
        length, i = leb(data, i + 1)
        if sub == 1:
            j = i
            count, j = leb(data, j)
            for _ in range(count):
                index, j = leb(data, j)
                n, j = leb(data, j)
                names[index] = data[j:j + n].decode("utf-8", "replace")
                j += n
        i += length
    return names


def library_of(name):
    name = re.sub(r"^byn\$mgfn-shared\$", "", name)
    for library, pattern in LIBRARIES:
        if re.search(pattern, name[:200]):
            return library
    if RUNTIME.match(name):
        return "libc, malloc, runtime"
    return "other (anonymous namespaces, inlined into them)"


def brotli_size(blob):
    try:
        out = subprocess.run(["brotli", "-q", "11", "-c"], input=blob, capture_output=True, check=True)
        return len(out.stdout)
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module")
    parser.add_argument("--top", type=int, default=15, help="also list the N largest functions")
    args = parser.parse_args()
    data = open(args.module, "rb").read()

    imports = 0
    names = None
    code = None
    print(f"{'section':<14} {'bytes':>10}")
    for sid, start, size in sections(data):
        label = SECTIONS.get(sid, str(sid))
        if sid == 0:
            n, i = leb(data, start)
            label = "custom " + data[i:i + n].decode("utf-8", "replace")
            found = function_names(data, start, size)
            names = found if found is not None else names
        elif sid == 2:
            imports = imported_functions(data, start)
        elif sid == 10:
            code = (start, size)
        print(f"{label:<14} {size:>10}")
    if names is None:
        sys.exit("wasm_code_size: the module has no name section (link it with --profiling-funcs)")
    if code is None:
        sys.exit("wasm_code_size: the module has no code section")

    start, size = code
    count, i = leb(data, start)
    bodies = collections.defaultdict(list)
    functions = []
    for k in range(count):
        length, j = leb(data, i)
        body = data[i:j + length]
        name = names.get(imports + k, f"<function {imports + k}>")
        library = library_of(name)
        bodies[library].append(body)
        functions.append((len(body), library, name))
        i = j + length

    total = sum(n for n, _, _ in functions)
    print(f"\ncode section by library ({count} functions, {total} bytes)")
    print(f"{'library':<34} {'raw':>9} {'share':>6} {'brotli':>8}")
    for library, parts in sorted(bodies.items(), key=lambda kv: -sum(map(len, kv[1]))):
        raw = sum(map(len, parts))
        br = brotli_size(b"".join(parts))
        print(f"{library:<34} {raw:>9} {100 * raw / total:>5.1f}% {br if br is not None else '-':>8}")
    if args.top:
        print(f"\nlargest {args.top} functions")
        for n, library, name in sorted(functions, reverse=True)[:args.top]:
            print(f"{n:>7}  {library:<22} {name[:110]}")


if __name__ == "__main__":
    main()
