# Project-wide options and settings-as-targets.
#
#   verji::warnings  INTERFACE target with the warning set for our own code (never for dependencies)
#   verji::wasm_exceptions  INTERFACE target: -fexceptions at compile and link (Catch2 under wasm)
#
# The native-asan preset (clang-14) turns on VERJI_SANITIZE and VERJI_FUZZ and turns off
# VERJI_TOOL_TESTS: the same unit tests under AddressSanitizer and UndefinedBehaviorSanitizer, and
# the libFuzzer targets of tests/fuzz, in one tree.

option(VERJI_BUILD_TESTS "Build the test executables and register them with CTest" ON)
option(VERJI_WERROR "Treat warnings in our own code as errors" OFF)
option(VERJI_BUILD_BENCH "Build bench/validate_bench (and its CTest run-check). The wasm-debug preset turns it off: \
its figures are those of a debug build, and native and wasm-release build it already" ON)
option(VERJI_TOOL_TESTS "Register the tests that are not C++ unit tests (clang-format, the layer rules' probes, \
node's tests of tests/web, invite-check's fixtures). The sanitizer tree turns them off: they would only run twice" ON)
option(VERJI_SANITIZE "Compile and link everything with -fsanitize=address,undefined -fno-sanitize-recover=all" OFF)
option(VERJI_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only; implies VERJI_SANITIZE) and register \
their short runs with CTest" OFF)
set(VERJI_FUZZ_SECONDS 5 CACHE STRING "Seconds each fuzz target runs as a CTest test (scripts/fuzz runs longer)")
set(VERJI_BROWSER_TESTS "AUTO" CACHE STRING
  "Register the headless-Chromium tests with CTest (wasm trees): ON, OFF or AUTO (when chromium is found)")
set_property(CACHE VERJI_BROWSER_TESTS PROPERTY STRINGS ON OFF AUTO)

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Debug CACHE STRING "Build type" FORCE)
endif()

add_library(verji_warnings INTERFACE)
add_library(verji::warnings ALIAS verji_warnings)
target_compile_options(verji_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(VERJI_WERROR)
  target_compile_options(verji_warnings INTERFACE -Werror)
endif()

# Sanitizers (native only): every target of the tree, our code and the test code alike (tests/ also
# says why its own code compiles at -O0 and Catch2's main without them). -O1 keeps the instrumented
# libraries fast enough; frame pointers give whole stacks in the reports. With VERJI_FUZZ
# everything also carries libFuzzer's coverage instrumentation (fuzzer-no-link), so the unit tests
# and the fuzz targets share one build of the libraries; only the fuzz targets link libFuzzer.
if(VERJI_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "VERJI_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: use the native-asan "
                        "preset (clang++-14; Debian packages clang-14 and libclang-rt-14-dev)")
  endif()
  set(VERJI_SANITIZE ON)  # for this run: the cache keeps what was asked
endif()
if(VERJI_SANITIZE)
  if(EMSCRIPTEN)
    message(FATAL_ERROR "VERJI_SANITIZE is for native trees")
  endif()
  add_compile_options(-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
  if(VERJI_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()

add_library(verji_wasm_exceptions INTERFACE)
add_library(verji::wasm_exceptions ALIAS verji_wasm_exceptions)

if(EMSCRIPTEN)
  # The per-build-type flags (Release -Oz -flto, Debug -O1 -g1 -sASSERTIONS=1) are defaults that
  # cmake/VerjiEmscriptenToolchain.cmake gives a new tree; they never overwrite the cache.
  if(NOT VERJI_WASM_FLAGS_DEFAULTS)
    if(CMAKE_TOOLCHAIN_FILE MATCHES "/VerjiEmscriptenToolchain[.]cmake$")
      # CMake keeps using the toolchain file a tree was first configured with.
      set(_why "was first configured with another toolchain file than cmake/VerjiEmscriptenToolchain.cmake")
    else()
      set(_why "is not configured with cmake/VerjiEmscriptenToolchain.cmake (the wasm presets' toolchain file)")
    endif()
    message(WARNING "This wasm tree ${_why}, so its CMAKE_<LANG>_FLAGS_<CONFIG> are not the project's "
      "defaults but what its first configure put into the cache. `cmake --fresh --preset <preset>` "
      "configures it anew.")
    unset(_why)
  endif()

  # Emscripten's -Oz and -Os also set INLINING_LIMIT=1, which compiles with -fno-inline-functions:
  # no function is inlined unless marked inline, not even std::min or string accessors (clang's own
  # -Oz still inlines what makes code smaller). Undoing that, here and in scripts/deps/build-wasm-deps.sh,
  # made widget.wasm 8 KB smaller brotli and validate() 4x quicker (scripts/size-report, scripts/bench).
  add_compile_options(-sINLINING_LIMIT=0)

  target_compile_options(verji_wasm_exceptions INTERFACE -fexceptions)
  target_link_options(verji_wasm_exceptions INTERFACE -fexceptions)

  # At -O1 and above Emscripten's JS optimizer loads acorn, which Debian installs under /usr/share/nodejs.
  if(NOT DEFINED ENV{NODE_PATH})
    message(STATUS "NODE_PATH is not set; -O1+ links need it (export NODE_PATH=/usr/share/nodejs). "
                   "The presets set it for you.")
  endif()
else()
  # Debug: libstdc++'s cheap precondition checks stay on in every native build we test. Appended to
  # the cache's value for this run only (a normal variable), so a value of your own is kept.
  string(APPEND CMAKE_CXX_FLAGS_DEBUG " -D_GLIBCXX_ASSERTIONS")
endif()
