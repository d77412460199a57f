#!/usr/bin/env bash
# Build the WebAssembly dependency libraries of the widget into a cache
# outside the repository:
#   libphonenumber 8.12.57 (regexps on the JavaScript engine's RegExp through
#   our adapter in wasm/phonenumbers/, no ICU, full metadata), protobuf-lite
#   3.21.12, the Abseil 20220623.1 libraries they need, plus the Dear ImGui
#   1.86 sources (staged, not compiled).
# Everything comes from Debian source packages (see versions.txt), fetched
# through a private apt state derived from this machine's apt configuration.
#
# Usage: scripts/deps/build-wasm-deps.sh [--variant lto|plain] [--print-prefix]
#        scripts/deps/build-wasm-deps.sh --update-pins
#   --variant plain   -Oz -sINLINING_LIMIT=0 -DNDEBUG        (default; debug/test builds)
#   --variant lto     -Oz -sINLINING_LIMIT=0 -DNDEBUG -flto  (release widget build)
#                     (INLINING_LIMIT=0: else Emscripten's -Oz adds -fno-inline-functions,
#                     see cmake/VerjiOptions.cmake)
#   --print-prefix    print only the prefix path on stdout
#   --update-pins     build nothing: re-pin versions.txt to the newest Debian
#                     revision of each pinned upstream version that this
#                     machine's archive offers now (with its .dsc checksum),
#                     and print the diff on stdout
# Progress goes to stderr; the absolute prefix is the last line on stdout.
#
# Sources: versions.txt pins each Debian source package by its full version
# and the sha256 of its .dsc. Exactly that version is used: a pinned source
# already in sources/ needs no network; otherwise it is downloaded (apt checks
# it against the archive's signed index), its .dsc must have the pinned
# checksum before anything is unpacked, and dpkg-source checks the tarballs
# against the .dsc. When the archive no longer offers a pinned version (Debian
# replaces versions on security updates) the build stops and says so.
#
# Cache:  ${VERJI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/verji-widget}
#   wasm-deps/<variant>-<key>/   finished prefixes (.complete marks them)
#   sources/                     downloaded Debian source packages (kept)
#   apt/                         private apt state (lists, cache, deb-src list)
# key = first 16 hex digits of sha256 over every file under scripts/deps/
# (this script, versions.txt with the pins, patches, generators, verify/),
# the first line of `em++ --version` and the variant. A complete prefix is
# reused without touching the network; at most the 2 most recently used
# prefixes per variant are kept.
#
# Environment: VERJI_DEPS_VERBOSE=1 streams tool output instead of logging it;
# VERJI_DEPS_KEEP_WORK=1 keeps the temporary build tree.
set -euo pipefail

exec 3>&1 1>&2 # fd 3 = real stdout (prefix or diff only); everything else to stderr

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
PINS_FILE=$SCRIPT_DIR/versions.txt
T_START=$(date +%s%N)

log() { printf '[wasm-deps] %s\n' "$*" >&2; }
die() {
  printf '[wasm-deps] ERROR: %s\n' "$*" >&2
  exit 1
}
usage() {
  sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2
}
elapsed() { # seconds since $1 (date +%s%N), one decimal
  local now
  now=$(date +%s%N)
  printf '%d.%d' $(((now - $1) / 1000000000)) $((((now - $1) / 100000000) % 10))
}

# --- arguments --------------------------------------------------------------
variant=plain
print_prefix=0
update_pins=0
while (($#)); do
  case $1 in
  --variant)
    (($# >= 2)) || die "--variant needs an argument (lto|plain)"
    variant=$2
    shift 2
    ;;
  --variant=*)
    variant=${1#--variant=}
    shift
    ;;
  --print-prefix)
    print_prefix=1
    shift
    ;;
  --update-pins)
    update_pins=1
    shift
    ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    usage
    die "unknown argument: $1"
    ;;
  esac
done
case $variant in
plain) VARIANT_FLAGS="-Oz -sINLINING_LIMIT=0 -DNDEBUG" ;;
lto) VARIANT_FLAGS="-Oz -sINLINING_LIMIT=0 -DNDEBUG -flto" ;;
*) die "unknown variant '$variant' (expected lto or plain)" ;;
esac

# --- cache key and fast path ---------------------------------------------------
if [[ -z ${VERJI_CACHE_DIR:-} && -z ${XDG_CACHE_HOME:-} && -z ${HOME:-} ]]; then
  die "none of VERJI_CACHE_DIR, XDG_CACHE_HOME, HOME is set; cannot place the cache"
fi
CACHE=${VERJI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/verji-widget}
mkdir -p "$CACHE/wasm-deps"
CACHE=$(cd "$CACHE" && pwd -P)
DEPS_ROOT=$CACHE/wasm-deps

finish() { # $1 = prefix
  if ((print_prefix)); then
    printf '%s\n' "$1" >&3
  else
    log "prefix ($variant): $1"
    printf '%s\n' "$1" >&3
  fi
  exit 0
}

if ((!update_pins)); then
  command -v em++ >/dev/null 2>&1 ||
    die "em++ not found: install the Debian package 'emscripten'"
  EMXX_VERSION=$(em++ --version 2>/dev/null) || die "'em++ --version' failed"
  EMXX_VERSION=${EMXX_VERSION%%$'\n'*}

  compute_key() {
    {
      printf 'verji-wasm-deps key v1\n'
      (cd "$SCRIPT_DIR" && find . -type f -print0 | LC_ALL=C sort -z |
        xargs -0 sha256sum)
      printf 'em++: %s\n' "$EMXX_VERSION"
      printf 'variant: %s\n' "$variant"
    } | sha256sum | cut -c1-16
  }
  KEY=$(compute_key)
  PREFIX=$DEPS_ROOT/$variant-$KEY

  if [[ -f $PREFIX/.complete ]]; then
    touch "$PREFIX/.last-used" 2>/dev/null || true
    ((print_prefix)) || log "up to date ($(elapsed "$T_START") s)"
    finish "$PREFIX"
  fi

  # ===========================================================================
  # Cold path
  # ===========================================================================
  log "building $variant dependencies (key $KEY) into $PREFIX"
fi

# --- required tools -----------------------------------------------------------
need_cmd() { # command debian-package
  command -v "$1" >/dev/null 2>&1 ||
    die "'$1' not found: install the Debian package '$2' (apt-get install $2)"
}
need_cmd dpkg dpkg
need_cmd apt-get apt
need_cmd apt-cache apt
need_cmd apt-config apt
need_cmd sha256sum coreutils
if ((update_pins)); then
  need_cmd diff diffutils
  need_cmd python3 python3
  PYTHON=$(command -v python3)
else
  need_cmd emar emscripten
  need_cmd emcmake emscripten
  need_cmd node nodejs
  need_cmd protoc protobuf-compiler
  need_cmd dpkg-source dpkg-dev
  need_cmd cmake cmake
  need_cmd ninja ninja-build
  need_cmd patch patch
  need_cmd xz xz-utils
  UNICODE_DATA=/usr/share/unicode/UnicodeData.txt
  [[ -r $UNICODE_DATA ]] ||
    die "$UNICODE_DATA not found: install the Debian package 'unicode-data'"
  need_cmd python3 python3
  PYTHON=$(command -v python3)
fi

# --- pinned versions ------------------------------------------------------------
# versions.txt: "<source-package> <debian-version> <sha256 of the .dsc>" per line.
strip_epoch() { [[ $1 =~ ^[0-9]+:(.*)$ ]] && printf '%s' "${BASH_REMATCH[1]}" || printf '%s' "$1"; }
upstream_of() { # Debian version -> upstream version
  local v
  v=$(strip_epoch "$1")
  [[ $v == *-* ]] && v=${v%-*}
  printf '%s' "$v"
}
declare -A PIN_VER=() PIN_SHA=()
PKGS=()
line_no=0
while read -r pkg ver sha rest || [[ -n ${pkg:-} ]]; do
  line_no=$((line_no + 1))
  [[ -z ${pkg:-} || $pkg == \#* ]] && continue
  where="versions.txt line $line_no ('$pkg')"
  [[ -n ${ver:-} && -z ${rest:-} ]] ||
    die "$where: expected '<source-package> <debian-version> <sha256 of the .dsc>'"
  [[ -z ${PIN_VER[$pkg]:-} ]] || die "$where: '$pkg' is pinned twice"
  if [[ -z ${sha:-} ]]; then
    # --update-pins fills in the checksum of a version written in by hand.
    ((update_pins)) ||
      die "$where: no .dsc checksum; run scripts/deps/build-wasm-deps.sh --update-pins to fill it in"
  elif [[ ! $sha =~ ^[0-9a-f]{64}$ ]]; then
    die "$where: '$sha' is not a sha256 (64 lower-case hex digits)"
  fi
  PIN_VER[$pkg]=$ver
  PIN_SHA[$pkg]=${sha:-}
  PKGS+=("$pkg")
done <"$PINS_FILE"
for pkg in imgui libphonenumber protobuf abseil; do
  [[ -n ${PIN_VER[$pkg]:-} ]] || die "versions.txt does not pin '$pkg'"
done

if ((!update_pins)); then
  PROTOC_VERSION=$(protoc --version 2>/dev/null || true)
  PROTOBUF_UPSTREAM=$(upstream_of "${PIN_VER[protobuf]}")
  [[ $PROTOC_VERSION == "libprotoc $PROTOBUF_UPSTREAM" ]] ||
    die "protoc reports '$PROTOC_VERSION' but the protobuf runtime is pinned to $PROTOBUF_UPSTREAM; generated code must match: install Debian's protobuf-compiler $PROTOBUF_UPSTREAM"
fi

# --- lock, work dir ------------------------------------------------------------------
# One lock for all variants and --update-pins: they share the apt state and
# the source cache, and the machine has few cores anyway.
if ((update_pins)); then
  WORK=$DEPS_ROOT/.work-update-pins
else
  WORK=$DEPS_ROOT/.work-$variant-$KEY
fi
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DEPS_ROOT/.lock"
  if ! flock -n 9; then
    log "waiting for another build-wasm-deps.sh run to finish..."
    flock 9
  fi
  if ((!update_pins)) && [[ -f $PREFIX/.complete ]]; then # built meanwhile by the other run
    touch "$PREFIX/.last-used" 2>/dev/null || true
    finish "$PREFIX"
  fi
  # Leftovers of interrupted runs (safe: we hold the lock). The work path
  # does not depend on the process, so identical inputs give identical output.
  rm -rf "${DEPS_ROOT:?}"/.work-*
else
  log "warning: flock (util-linux) not found; concurrent runs are not serialized"
  WORK=$WORK.$$
  rm -rf "$WORK"
fi
mkdir -p "$WORK/logs"
# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
  local rc=$?
  if ((rc != 0)); then
    log "FAILED; logs and build tree kept in $WORK (removed by the next run)"
  elif [[ ${VERJI_DEPS_KEEP_WORK:-0} == 1 ]]; then
    log "work tree kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

run_logged() { # step-name command...
  local name=$1
  shift
  local logf=$WORK/logs/$name.log
  local rc=0
  if [[ ${VERJI_DEPS_VERBOSE:-0} == 1 ]]; then
    "$@" 2>&1 | tee -a "$logf" >&2 || rc=$?
  else
    "$@" >>"$logf" 2>&1 || rc=$?
  fi
  if ((rc != 0)); then
    tail -n 60 "$logf" >&2 || true
    die "step '$name' failed (exit $rc); full log: $logf"
  fi
}

JOBS=$(nproc 2>/dev/null || echo 1)
((JOBS > 2)) && JOBS=2
((JOBS < 1)) && JOBS=1

export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH} # acorn for -O1+ links
export PYTHONDONTWRITEBYTECODE=1

# --- Debian sources: private apt state ------------------------------------------
# Only set up (and the network only touched) when a pinned source is missing
# from the source cache, or for --update-pins.
SRC_CACHE=$CACHE/sources
APT_DIR=$CACHE/apt
mkdir -p "$SRC_CACHE"
APT_OPTS=(
  -c "$APT_DIR/apt.conf"
  -o "Dir::Etc::SourceList=$APT_DIR/empty.list"
  -o "Dir::Etc::SourceParts=$APT_DIR/sources.list.d"
  -o "Dir::State::Lists=$APT_DIR/lists"
  -o "Dir::Cache=$APT_DIR/cache"
  -o "Acquire::Languages=none"
)
# As root apt would drop to the _apt user, which cannot write into a private
# cache under $HOME ("Download is performed unsandboxed as root" warning).
((EUID == 0)) && APT_OPTS+=(-o "APT::Sandbox::User=root")

prepare_apt() { # -> 0 when a deb-src index could be fetched (at least partly)
  mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
  rm -rf "$APT_DIR/sources.list.d"
  mkdir -p "$APT_DIR/sources.list.d"
  : >"$APT_DIR/empty.list"
  # Post-invoke hooks of the system configuration (PackageKit, AppStream) are
  # meant for the system apt state, not for our private one.
  cat >"$APT_DIR/apt.conf" <<'APTCONF'
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
#clear DPkg::Pre-Invoke;
#clear DPkg::Post-Invoke;
APTCONF
  local sys_list=/etc/apt/sources.list sys_parts=/etc/apt/sources.list.d codename
  eval "$(apt-config shell sys_list Dir::Etc::SourceList/f sys_parts Dir::Etc::SourceParts/d 2>/dev/null)" || true
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-}")
  [[ -n $codename ]] || die "cannot determine the Debian codename from /etc/os-release"

  if ! "$PYTHON" "$SCRIPT_DIR/make_deb_src_list.py" --codename "$codename" \
    --source-list "$sys_list" --source-parts "$sys_parts" \
    --out-dir "$APT_DIR/sources.list.d" 2>>"$WORK/logs/apt-sources.log"; then
    log "warning: no Debian deb entries usable for deb-src (see $WORK/logs/apt-sources.log)"
    return 1
  fi
  log "updating private deb-src index ($codename main + security)"
  if ! apt-get "${APT_OPTS[@]}" -q update >>"$WORK/logs/apt-update.log" 2>&1; then
    # Some index failed (e.g. a mirror without sources): keep whatever was
    # fetched, the version lookup reports anything still missing.
    log "warning: apt-get update reported errors (see $WORK/logs/apt-update.log); continuing"
  fi
}

offered_sources() { # packages... -> "<package> <version> <sha256 of its .dsc>" per source stanza
  apt-cache "${APT_OPTS[@]}" showsrc "$@" 2>/dev/null |
    awk 'BEGIN { RS = ""; FS = "\n" }
      {
        n = ""; v = ""; s = "-"; sums = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Package: /) n = substr($i, 10)
          if ($i ~ /^Version: /) v = substr($i, 10)
          if ($i ~ /^Checksums-Sha256:/) { sums = 1; continue }
          if ($i !~ /^ /) sums = 0
          else if (sums && split($i, f, " ") == 3 && f[3] ~ /\.dsc$/) s = f[1]
        }
        if (n != "" && v != "") print n, v, s
      }' | sort -u
}
offered_versions() { # package offered-lines -> its versions, space-separated
  awk -v p="$1" '$1 == p { printf "%s%s", sep, $2; sep = " " }' <<<"$2"
}
highest_version() { # versions... -> highest per dpkg ordering
  local best='' v
  for v in "$@"; do
    if [[ -z $best ]] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
  done
  printf '%s' "$best"
}
dsc_name() { printf '%s_%s.dsc' "$1" "$(strip_epoch "$2")"; }
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
dsc_sums() { # dsc -> "<sha256>  <file>" for every file it lists
  awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f&&NF==3{print $1"  "$3}' "$1"
}
dsc_files_ok() { # dsc -> 0 if every file it lists is present beside it with the right sha256
  local dsc=$1 sums
  [[ -f $dsc ]] || return 1
  sums=$(dsc_sums "$dsc")
  [[ -n $sums ]] || return 1
  (cd "$(dirname "$dsc")" && printf '%s\n' "$sums" | sha256sum --quiet -c - >/dev/null 2>&1)
}

# --- --update-pins ----------------------------------------------------------------
if ((update_pins)); then
  prepare_apt || die "cannot refresh the pins without a deb-src index of this machine's Debian archive"
  OFFERED=$(offered_sources "${PKGS[@]}") || true
  declare -A NEW_VER=() NEW_SHA=()
  problems=()
  for pkg in "${PKGS[@]}"; do
    want=$(upstream_of "${PIN_VER[$pkg]}")
    matching=()
    read -r -a offered <<<"$(offered_versions "$pkg" "$OFFERED")"
    for v in "${offered[@]}"; do
      if [[ $(upstream_of "$v") == "$want" ]]; then matching+=("$v"); fi
    done
    if ((${#matching[@]} == 0)); then
      problems+=("$pkg: no Debian version of upstream $want is offered (offered: ${offered[*]:-nothing})")
      continue
    fi
    best=$(highest_version "${matching[@]}")
    sums=$(awk -v p="$pkg" -v v="$best" '$1 == p && $2 == v { print $3 }' <<<"$OFFERED" | sort -u)
    [[ $sums =~ ^[0-9a-f]{64}$ ]] ||
      die "$pkg $best: the index gives no single .dsc checksum ('${sums//$'\n'/ }')"
    NEW_VER[$pkg]=$best
    NEW_SHA[$pkg]=$sums
  done
  if ((${#problems[@]})); then
    printf '[wasm-deps]   %s\n' "${problems[@]}" >&2
    die "versions.txt left unchanged. To move to another upstream version, write its full Debian version into versions.txt (the checksum may be left out) and run --update-pins again"
  fi
  while IFS= read -r line || [[ -n $line ]]; do
    read -r pkg _ <<<"$line"
    if [[ -z ${pkg:-} || $pkg == \#* ]]; then
      printf '%s\n' "$line"
    else
      printf '%-15s %-22s %s\n' "$pkg" "${NEW_VER[$pkg]}" "${NEW_SHA[$pkg]}"
    fi
  done <"$PINS_FILE" >"$WORK/versions.txt"
  if cmp -s "$PINS_FILE" "$WORK/versions.txt"; then
    log "the pins in versions.txt are what the archive offers now; nothing to change"
    exit 0
  fi
  diff -u --label a/scripts/deps/versions.txt --label b/scripts/deps/versions.txt \
    "$PINS_FILE" "$WORK/versions.txt" >&3 || true
  cp "$WORK/versions.txt" "$PINS_FILE"
  log "rewrote $PINS_FILE (diff above). The next build downloads and checks the new pins"
  log "and, as the key changes, builds new prefixes; commit versions.txt with the reason"
  exit 0
fi

# --- Debian sources: exactly the pinned versions --------------------------------
T_STEP=$(date +%s%N)
MISSING=()
for pkg in "${PKGS[@]}"; do
  dsc=$SRC_CACHE/$(dsc_name "$pkg" "${PIN_VER[$pkg]}")
  if [[ -f $dsc && $(sha256_of "$dsc") != "${PIN_SHA[$pkg]}" ]]; then
    log "warning: the cached $dsc does not have the pinned checksum; fetching it again"
  elif dsc_files_ok "$dsc"; then
    continue
  fi
  MISSING+=("$pkg")
done

if ((${#MISSING[@]})); then
  prepare_apt ||
    die "cannot download ${MISSING[*]}: no usable apt source, and the pinned sources are not in $SRC_CACHE"
  OFFERED=$(offered_sources "${MISSING[@]}") || true
  problems=()
  unavailable=()
  for pkg in "${MISSING[@]}"; do
    ver=${PIN_VER[$pkg]}
    index_sha=$(awk -v p="$pkg" -v v="$ver" '$1 == p && $2 == v { print $3 }' <<<"$OFFERED")
    if [[ -z $index_sha ]]; then
      others=$(offered_versions "$pkg" "$OFFERED")
      problems+=("$pkg $ver is not offered by this machine's Debian archive (it offers: ${others:-nothing; see $WORK/logs/apt-update.log})")
      unavailable+=("$pkg")
    elif [[ $index_sha != "${PIN_SHA[$pkg]}" ]]; then
      problems+=("$pkg $ver: the archive's index gives its .dsc the sha256 $index_sha, versions.txt pins ${PIN_SHA[$pkg]}")
      unavailable+=("$pkg")
    fi
  done
  if ((${#problems[@]})); then
    printf '[wasm-deps]   %s\n' "${problems[@]}" >&2
    cat >&2 <<MSG
[wasm-deps] The pinned Debian sources cannot be fetched; nothing was unpacked or built.
[wasm-deps] - A version that is no longer offered: Debian replaces a version in stable when it
[wasm-deps]   publishes a (security) update, and this machine reaches no snapshot archive. Move the
[wasm-deps]   pins to what the archive offers now with
[wasm-deps]     scripts/deps/build-wasm-deps.sh --update-pins
[wasm-deps]   (rewrites scripts/deps/versions.txt and prints the diff), build, and commit versions.txt;
[wasm-deps]   the new pins are a new cache key, so every machine rebuilds. A machine that still has
[wasm-deps]   the pinned sources in its sources/ cache builds them without the network.
[wasm-deps] - A different checksum for the same version: Debian never changes a published version,
[wasm-deps]   so this is not the archive the pins were taken from, or something on the way changed
[wasm-deps]   the file. Check the machine's apt sources and proxy; pin the file (--update-pins) only
[wasm-deps]   once you know why it differs.
MSG
    die "pinned sources unavailable: ${unavailable[*]} (see above)"
  fi
  for pkg in "${MISSING[@]}"; do
    ver=${PIN_VER[$pkg]}
    name=$(dsc_name "$pkg" "$ver")
    dl=$WORK/download/$pkg
    mkdir -p "$dl"
    log "downloading source $pkg $ver"
    (cd "$dl" && run_logged "apt-source-$pkg" apt-get "${APT_OPTS[@]}" -q source --download-only "$pkg=$ver")
    [[ -f $dl/$name ]] || die "apt-get source $pkg=$ver did not produce $name (see $WORK/logs/apt-source-$pkg.log)"
    got=$(sha256_of "$dl/$name")
    [[ $got == "${PIN_SHA[$pkg]}" ]] ||
      die "the downloaded $name has sha256 $got, versions.txt pins ${PIN_SHA[$pkg]}; nothing was unpacked (see the note on checksums in docs/build.md)"
    dsc_files_ok "$dl/$name" || die "the download of $pkg $ver does not match its own .dsc"
    while read -r _ f; do
      mv -f "$dl/$f" "$SRC_CACHE/$f"
    done < <(dsc_sums "$dl/$name")
    mv -f "$dl/$name" "$SRC_CACHE/$name"
  done
fi
log "sources: $(for p in "${PKGS[@]}"; do printf '%s %s; ' "$p" "${PIN_VER[$p]}"; done)($(elapsed "$T_STEP") s)"

# --- extract, patch, generate -------------------------------------------------------
T_STEP=$(date +%s%N)
SRC=$WORK/src
GEN=$WORK/gen
mkdir -p "$SRC" "$GEN/phonenumbers" "$GEN/unicode"
for pkg in "${PKGS[@]}"; do
  # dpkg-source checks every tarball against the (pinned) .dsc. The uploader's
  # signature cannot be checked without the Debian keyring and only warns.
  run_logged "extract-$pkg" dpkg-source --require-strong-checksums -x \
    "$SRC_CACHE/$(dsc_name "$pkg" "${PIN_VER[$pkg]}")" "$SRC/$pkg"
  if [[ -d $SCRIPT_DIR/patches/$pkg ]]; then
    while IFS= read -r -d '' p; do
      run_logged "patch-$pkg" patch -d "$SRC/$pkg" -p1 --batch --forward -i "$p"
    done < <(find "$SCRIPT_DIR/patches/$pkg" -maxdepth 1 -type f -name '*.patch' -print0 | LC_ALL=C sort -z)
  fi
done

PN_SRC=$SRC/libphonenumber
# Our RegExp adapter joins libphonenumber's sources (patch 0001 selects it).
cp "$SCRIPT_DIR/wasm/phonenumbers/regexp_adapter_js.h" "$SCRIPT_DIR/wasm/phonenumbers/regexp_adapter_js.cc" \
  "$PN_SRC/cpp/src/phonenumbers/"
run_logged protoc protoc --proto_path="$PN_SRC/resources" --cpp_out="$GEN/phonenumbers" \
  "$PN_SRC/resources/phonemetadata.proto" "$PN_SRC/resources/phonenumber.proto"
run_logged gen-uchar "$PYTHON" "$SCRIPT_DIR/gen_uchar_standin.py" "$UNICODE_DATA" "$GEN/unicode/uchar.h"
log "extracted, patched and generated ($(elapsed "$T_STEP") s)"

# --- build ----------------------------------------------------------------------------
T_STEP=$(date +%s%N)
BUILD=$WORK/build
log "compiling with em++ $VARIANT_FLAGS (ninja -j$JOBS)"
# The prefix map keeps the temporary work path out of __FILE__ strings
# (protobuf/Abseil logging), i.e. out of the shipped wasm.
PATH_FLAGS="-ffile-prefix-map=$WORK/="
run_logged configure emcmake cmake -G Ninja -S "$SCRIPT_DIR/wasm" -B "$BUILD" \
  -DCMAKE_BUILD_TYPE=Release \
  "-DCMAKE_C_FLAGS=$PATH_FLAGS" \
  "-DCMAKE_CXX_FLAGS=$PATH_FLAGS" \
  "-DCMAKE_C_FLAGS_RELEASE=$VARIANT_FLAGS" \
  "-DCMAKE_CXX_FLAGS_RELEASE=$VARIANT_FLAGS" \
  -DABSEIL_SOURCE_DIR="$SRC/abseil" \
  -DPROTOBUF_SOURCE_DIR="$SRC/protobuf" \
  -DPHONENUMBER_SOURCE_DIR="$PN_SRC" \
  -DVERJI_GEN_DIR="$GEN"
run_logged build ninja -C "$BUILD" -j "$JOBS" phonenumber
log "compiled ($(elapsed "$T_STEP") s)"

# Static-library link order as computed by CMake for a consumer of
# `phonenumber`, read from the (never built) probe's link command.
mapfile -t LINK_ORDER < <(ninja -C "$BUILD" -t commands verji_link_probe | tail -n 1 |
  tr ' ' '\n' | grep -E '\.a$' |
  awk '{ seen[$0] = NR; line[NR] = $0 } END { for (i = 1; i <= NR; i++) if (seen[line[i]] == i) print line[i] }')
((${#LINK_ORDER[@]} >= 4)) || die "could not determine the library link order"
[[ ${LINK_ORDER[0]##*/} == libphonenumber.a ]] ||
  die "unexpected link order (first is ${LINK_ORDER[0]})"

# --- stage the prefix ------------------------------------------------------------------
STAGE=$WORK/stage
mkdir -p "$STAGE/lib" "$STAGE/include/unicode" "$STAGE/imgui"
LIB_NAMES=()
for a in "${LINK_ORDER[@]}"; do
  [[ -f $BUILD/$a ]] || die "missing built library $a"
  name=${a##*/}
  [[ -e $STAGE/lib/$name ]] && die "library name clash: $name"
  cp "$BUILD/$a" "$STAGE/lib/$name"
  LIB_NAMES+=("$name")
done

copy_headers() { # src-root dst-root find-args...
  local from=$1 to=$2
  shift 2
  (cd "$from" && find "$@" -print0 | xargs -0 -r cp --parents -t "$to")
}
# Headers of parts not in libphonenumber.a (geocoder, matcher, ICU adapters)
# are left out so that using them fails at compile time, not at link time.
copy_headers "$PN_SRC/cpp/src" "$STAGE/include" phonenumbers -type f -name '*.h' \
  ! -path 'phonenumbers/geocoding/*' ! -name 'regexp_adapter_icu.h' ! -name 'regexp_adapter_re2.h' \
  ! -name 'string_byte_sink.h' \
  ! -name 'phonenumbermatcher.h' ! -name 'phonenumbermatch.h' ! -name 'alternate_format.h'
cp "$GEN/phonenumbers/"*.pb.h "$STAGE/include/phonenumbers/"
cp "$GEN/unicode/uchar.h" "$STAGE/include/unicode/uchar.h"
copy_headers "$SRC/protobuf/src" "$STAGE/include" google -type f \( -name '*.h' -o -name '*.inc' \) \
  ! -path '*/compiler/*' ! -path '*/testing/*' ! -path '*/testdata/*' ! -name '*test*'
# The JavaScript half of the RegExp adapter, for every program that links libphonenumber.
mkdir -p "$STAGE/js"
cp "$SCRIPT_DIR/wasm/phonenumbers/regexp_adapter_js.js" "$STAGE/js/phonenumber_regexp.js"
copy_headers "$SRC/abseil" "$STAGE/include" absl -type f \( -name '*.h' -o -name '*.inc' \) \
  ! -path '*/testdata/*' ! -path 'absl/copts/*'

IMGUI_FILES=(imgui.h imgui.cpp imgui_draw.cpp imgui_tables.cpp imgui_widgets.cpp
  imgui_internal.h imconfig.h imstb_rectpack.h imstb_textedit.h imstb_truetype.h
  backends/imgui_impl_glfw.h backends/imgui_impl_glfw.cpp
  backends/imgui_impl_opengl3.h backends/imgui_impl_opengl3.cpp
  backends/imgui_impl_opengl3_loader.h
  misc/cpp/imgui_stdlib.h misc/cpp/imgui_stdlib.cpp LICENSE.txt)
for f in "${IMGUI_FILES[@]}"; do
  [[ -f $SRC/imgui/$f ]] || die "imgui source lacks $f"
done
for f in "$SRC/imgui"/imstb_*.h; do # any further stb header of this release
  base=${f##*/}
  [[ " ${IMGUI_FILES[*]} " == *" $base "* ]] || IMGUI_FILES+=("$base")
done
(cd "$SRC/imgui" && cp --parents -t "$STAGE/imgui" "${IMGUI_FILES[@]}")

# CMake package file for the widget's project.
DEFINES=(I18N_PHONENUMBERS_USE_JS_REGEXP I18N_PHONENUMBERS_NO_THREAD_SAFETY)
{
  cat <<EOF
# Generated by scripts/deps/build-wasm-deps.sh - do not edit.
# Variant '$variant' ($VARIANT_FLAGS), key $KEY; see manifest.txt.
# Relocatable: every path is relative to this file's directory.
get_filename_component(_verji_wasm_deps_root "\${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

set(VERJI_WASM_DEPS_VARIANT "$variant")
set(VERJI_WASM_DEPS_PREFIX "\${_verji_wasm_deps_root}")
set(VERJI_IMGUI_SOURCE_DIR "\${_verji_wasm_deps_root}/imgui")

if(NOT TARGET verji_wasm_deps::phonenumber)
  add_library(verji_wasm_deps::phonenumber INTERFACE IMPORTED)
  set_target_properties(verji_wasm_deps::phonenumber PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "\${_verji_wasm_deps_root}/include"
    INTERFACE_COMPILE_DEFINITIONS "$(IFS=';' && printf '%s' "${DEFINES[*]}")"
    INTERFACE_COMPILE_FEATURES "cxx_std_17"
    INTERFACE_LINK_OPTIONS "--js-library=\${_verji_wasm_deps_root}/js/phonenumber_regexp.js"
    INTERFACE_LINK_DEPENDS "\${_verji_wasm_deps_root}/js/phonenumber_regexp.js")
  # Link order: libphonenumber, protobuf-lite, then Abseil (dependents first).
  set_property(TARGET verji_wasm_deps::phonenumber PROPERTY INTERFACE_LINK_LIBRARIES
EOF
  for name in "${LIB_NAMES[@]}"; do
    # shellcheck disable=SC2016 # a CMake variable reference, written verbatim
    printf '    "${_verji_wasm_deps_root}/lib/%s"\n' "$name"
  done
  cat <<'EOF'
  )
endif()
unset(_verji_wasm_deps_root)
EOF
} >"$STAGE/verji-wasm-deps.cmake"

# --- verify -------------------------------------------------------------------------------
T_STEP=$(date +%s%N)
log "verifying the staged prefix (cmake include check + node smoke test)"
run_logged cmake-check cmake -S "$SCRIPT_DIR/verify" -B "$WORK/cmake-check" \
  -DVERJI_DEPS_FILE="$STAGE/verji-wasm-deps.cmake" -DEXPECTED_VARIANT="$variant"
SMOKE_ARGS=()
SMOKE_LIBS=()
while read -r kind value; do
  case $kind in
  include) SMOKE_ARGS+=("-I$value") ;;
  define) SMOKE_ARGS+=("-D$value") ;;
  lib) SMOKE_LIBS+=("$value") ;;
  esac
done <"$WORK/cmake-check/usage.txt"
((${#SMOKE_LIBS[@]} == ${#LIB_NAMES[@]})) || die "cmake check lists ${#SMOKE_LIBS[@]} libraries, expected ${#LIB_NAMES[@]}"
mkdir -p "$WORK/smoke"
# shellcheck disable=SC2086 # VARIANT_FLAGS is a flag list
run_logged smoke-link em++ -std=c++17 $VARIANT_FLAGS "${SMOKE_ARGS[@]}" \
  "$SCRIPT_DIR/verify/phone_smoke.cpp" "${SMOKE_LIBS[@]}" --js-library "$STAGE/js/phonenumber_regexp.js" \
  -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1 \
  -o "$WORK/smoke/phone_smoke.js"
smoke_rc=0
node "$WORK/smoke/phone_smoke.js" >"$WORK/logs/smoke-run.log" 2>&1 || smoke_rc=$?
if ((smoke_rc != 0)) || ! grep -qx 'ALL OK' "$WORK/logs/smoke-run.log"; then
  cat "$WORK/logs/smoke-run.log" >&2
  die "smoke test failed (exit $smoke_rc); the prefix is NOT marked complete"
fi
GETINSTANCE=$(sed -n 's/^GetInstance: //p' "$WORK/logs/smoke-run.log")
SMOKE_WASM_BYTES=$(stat -c %s "$WORK/smoke/phone_smoke.wasm")
log "smoke test passed: PhoneNumberUtil::GetInstance() $GETINSTANCE under node ($(elapsed "$T_STEP") s)"

# --- manifest, publish, prune ----------------------------------------------------------
{
  printf '# verji wasm dependency prefix - generated by scripts/deps/build-wasm-deps.sh\n'
  printf 'variant: %s\n' "$variant"
  printf 'key: %s\n' "$KEY"
  printf 'built: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'compiler: %s\n' "$EMXX_VERSION"
  printf 'cflags: %s\n' "$VARIANT_FLAGS"
  printf 'cxxflags: -std=c++17 %s\n' "$VARIANT_FLAGS"
  printf 'defines: %s\n' "${DEFINES[*]}"
  printf 'path-flags: -ffile-prefix-map=<temporary work dir>/=\n'
  printf 'notes: no ICU (generated unicode/uchar.h stand-in), regexps on the JavaScript RegExp (js/phonenumber_regexp.js), full metadata (metadata.cc + short_metadata.cc), no threads, no -fexceptions\n'
  printf 'protoc: %s\n' "$PROTOC_VERSION"
  printf 'unicode-data: %s\n' "$(dpkg-query -W -f '${Version}' unicode-data 2>/dev/null || echo unknown)"
  printf 'tool packages: %s\n' "$(dpkg-query -W -f '${Package} ${Version}\n' emscripten protobuf-compiler 2>/dev/null |
    paste -s -d ';' - | sed 's/;/; /g')"
  printf 'debian-sources:\n'
  for pkg in "${PKGS[@]}"; do
    printf '  %s %s dsc-sha256 %s\n' "$pkg" "${PIN_VER[$pkg]}" "${PIN_SHA[$pkg]}"
  done
  printf 'patches:\n'
  (cd "$SCRIPT_DIR" && find patches -type f -name '*.patch' -print0 2>/dev/null | LC_ALL=C sort -z |
    xargs -0 -r sha256sum | sed 's/^/  /')
  printf 'libraries (link order, bytes):\n'
  for name in "${LIB_NAMES[@]}"; do
    printf '  %s %s\n' "$name" "$(stat -c %s "$STAGE/lib/$name")"
  done
  printf 'libraries total bytes: %s\n' "$(cat "$STAGE"/lib/*.a | wc -c)"
  printf 'smoke test: wasm %s bytes, PhoneNumberUtil::GetInstance() %s (node %s)\n' \
    "$SMOKE_WASM_BYTES" "$GETINSTANCE" "$(node --version)"
} >"$STAGE/manifest.txt"

date -u +%Y-%m-%dT%H:%M:%SZ >"$STAGE/.complete"
touch "$STAGE/.last-used"
rm -rf "${PREFIX:?}" # only ever an incomplete leftover here
mv "$STAGE" "$PREFIX"

# Keep the 2 most recently used complete prefixes of this variant (this one
# included); incomplete ones are leftovers and always go.
OLD=()
while read -r _ d; do
  if [[ -n $d ]]; then OLD+=("$d"); fi
done < <(
  for d in "$DEPS_ROOT/$variant"-*; do
    [[ -d $d && $d != "$PREFIX" && ${d##*/} =~ ^$variant-[0-9a-f]{16}$ ]] || continue
    if [[ -f $d/.complete ]]; then
      printf '%s %s\n' "$(stat -c %Y "$d/.last-used" 2>/dev/null || stat -c %Y "$d/.complete")" "$d"
    else
      rm -rf "${d:?}"
    fi
  done | sort -rn
)
for d in "${OLD[@]:1}"; do
  log "pruning old prefix $d"
  rm -rf "${d:?}"
done

log "done: $variant in $(elapsed "$T_START") s, libraries $(cat "$PREFIX"/lib/*.a | wc -c) bytes"
finish "$PREFIX"
