# Default flags of the wasm trees, per build type. CMake reads this file as
# CMAKE_USER_MAKE_RULES_OVERRIDE (set by cmake/VerjiEmscriptenToolchain.cmake) while it enables C
# and C++: after its compiler modules chose their defaults, before it creates the cache entries.
# The _INIT values below only initialise entries that do not exist yet; an entry already in the
# cache (a value of your own) is left as it is.
#
#   Release: the smallest code (-Oz) with whole-program LTO; assertions off.
#   Debug:   -O1 keeps the build quick and readable; assertions on (C++ asserts and Emscripten's).
foreach(_verji_lang IN ITEMS C CXX)
  set(CMAKE_${_verji_lang}_FLAGS_RELEASE_INIT "-Oz -flto -DNDEBUG")
  set(CMAKE_${_verji_lang}_FLAGS_DEBUG_INIT "-O1 -g1")
endforeach()
unset(_verji_lang)
set(CMAKE_EXE_LINKER_FLAGS_RELEASE_INIT "-Oz -flto")
set(CMAKE_EXE_LINKER_FLAGS_DEBUG_INIT "-O1 -g1 -sASSERTIONS=1")

# Tells cmake/VerjiOptions.cmake that this tree got the defaults.
set(VERJI_WASM_FLAGS_DEFAULTS ON)
