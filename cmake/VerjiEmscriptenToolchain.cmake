# Toolchain file of the wasm presets: Debian's Emscripten toolchain, plus the project's default
# compile and link flags per build type (cmake/VerjiWasmFlags.cmake).
#
# Those flags are defaults, not settings: they only create the CMAKE_<LANG>_FLAGS_<CONFIG> and
# CMAKE_EXE_LINKER_FLAGS_<CONFIG> cache entries when a tree has none yet, so a value of your own
# (-DCMAKE_CXX_FLAGS_RELEASE=..., ccmake) stays across configures; `cmake --fresh` brings them back.
#
# They reach CMake through CMAKE_USER_MAKE_RULES_OVERRIDE rather than as _INIT variables set here:
# CMake's compiler modules, read after the toolchain file, append their own defaults to those
# (`-Oz -flto -DNDEBUG -O3 -DNDEBUG`); the override file is read after the compiler modules.
set(_verji_debian_toolchain "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake")
if(NOT EXISTS "${_verji_debian_toolchain}")
  message(FATAL_ERROR "${_verji_debian_toolchain} is missing: install Debian's 'emscripten' package "
                      "(scripts/bootstrap)")
endif()
include("${_verji_debian_toolchain}")
unset(_verji_debian_toolchain)

set(CMAKE_USER_MAKE_RULES_OVERRIDE "${CMAKE_CURRENT_LIST_DIR}/VerjiWasmFlags.cmake")
