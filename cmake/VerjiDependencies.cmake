# Third-party dependencies, behind the same target names in both build trees:
#
#   verji::json          nlohmann_json 3.11 (header-only)
#   verji::catch2        Catch2 2.13 (single header)
#   verji::phonenumber   libphonenumber 8.12.57 (+ protobuf, abseil; under wasm its regexps run on
#                        the JavaScript engine's RegExp, scripts/deps/wasm/phonenumbers/)
#   verji::imgui         Dear ImGui 1.86 core
#   verji::imgui_web     Dear ImGui's GLFW backend (the renderer is ours: gl_renderer.h); wasm tree only
#
# Native: Debian's -dev packages. Wasm: Debian *source* packages built by
# scripts/deps/build-wasm-deps.sh into a cache outside the clone (one run per recipe/version key).
# Host CMake packages are never used in the wasm tree: they would add -isystem /usr/include,
# which breaks em++ with glibc headers.

if(NOT EMSCRIPTEN)
  find_package(nlohmann_json 3.11 CONFIG REQUIRED)
  add_library(verji_dep_json INTERFACE)
  target_link_libraries(verji_dep_json INTERFACE nlohmann_json::nlohmann_json)

  find_package(Catch2 2.13 CONFIG REQUIRED)
  add_library(verji_dep_catch2 INTERFACE)
  target_link_libraries(verji_dep_catch2 INTERFACE Catch2::Catch2)

  # libphonenumber-dev ships neither a CMake config nor a .pc file.
  find_path(VERJI_PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
  find_library(VERJI_PHONENUMBER_LIBRARY phonenumber REQUIRED)
  find_package(Protobuf REQUIRED)
  find_package(absl CONFIG REQUIRED)
  add_library(verji_dep_phonenumber INTERFACE)
  target_include_directories(verji_dep_phonenumber SYSTEM INTERFACE "${VERJI_PHONENUMBER_INCLUDE_DIR}")
  target_link_libraries(verji_dep_phonenumber INTERFACE
    "${VERJI_PHONENUMBER_LIBRARY}" protobuf::libprotobuf
    absl::node_hash_set absl::strings absl::synchronization)

  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui=1.86)
  add_library(verji_dep_imgui INTERFACE)
  target_link_libraries(verji_dep_imgui INTERFACE PkgConfig::IMGUI)
else()
  # --- header-only packages, staged so that only their own headers are visible to em++ ----------
  set(_staged "${CMAKE_BINARY_DIR}/_deps/staged-headers")
  foreach(_hdr IN ITEMS nlohmann catch2)
    if(NOT EXISTS "/usr/include/${_hdr}")
      message(FATAL_ERROR "/usr/include/${_hdr} is missing: run scripts/bootstrap (Debian packages "
                          "nlohmann-json3-dev and catch2)")
    endif()
    file(COPY "/usr/include/${_hdr}" DESTINATION "${_staged}")
  endforeach()
  add_library(verji_dep_json INTERFACE)
  target_include_directories(verji_dep_json SYSTEM INTERFACE "${_staged}")
  add_library(verji_dep_catch2 INTERFACE)
  target_include_directories(verji_dep_catch2 SYSTEM INTERFACE "${_staged}")

  # --- libphonenumber and friends, built from Debian source packages ------------------------------
  if(CMAKE_BUILD_TYPE STREQUAL "Release")
    set(_variant lto)
  else()
    set(_variant plain)
  endif()
  set(VERJI_WASM_DEPS_PREFIX "" CACHE PATH
    "Prefix made by scripts/deps/build-wasm-deps.sh (empty: run the script at configure time)")
  if(VERJI_WASM_DEPS_PREFIX)
    set(_prefix "${VERJI_WASM_DEPS_PREFIX}")
  else()
    message(STATUS "Wasm dependencies (${_variant}): scripts/deps/build-wasm-deps.sh (cached after the first run)")
    execute_process(
      COMMAND "${PROJECT_SOURCE_DIR}/scripts/deps/build-wasm-deps.sh" --variant ${_variant} --print-prefix
      OUTPUT_VARIABLE _prefix
      OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0 OR NOT _prefix)
      message(FATAL_ERROR "Building the wasm dependencies failed (exit ${_rc}); see the messages above.")
    endif()
  endif()
  if(NOT EXISTS "${_prefix}/verji-wasm-deps.cmake")
    message(FATAL_ERROR "${_prefix} is not a complete wasm dependency prefix")
  endif()
  include("${_prefix}/verji-wasm-deps.cmake")
  message(STATUS "Wasm dependencies: ${_prefix}")
  # The script prunes prefixes nobody used lately; if this one goes, the next build re-configures
  # (and so re-runs the script) instead of failing on missing libraries.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_prefix}/.complete")
  # Re-run configure when the recipe changes, so that a new cache key is picked up.
  file(GLOB_RECURSE _recipe CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/scripts/deps/*")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_recipe})

  add_library(verji_dep_phonenumber INTERFACE)
  # It brings its RegExp adapter's JavaScript half as a link option (--js-library).
  target_link_libraries(verji_dep_phonenumber INTERFACE verji_wasm_deps::phonenumber)

  # --- Dear ImGui, compiled here from the staged Debian sources -----------------------------------
  set(_im "${VERJI_IMGUI_SOURCE_DIR}")
  add_library(verji_dep_imgui_lib STATIC
    "${_im}/imgui.cpp" "${_im}/imgui_draw.cpp" "${_im}/imgui_tables.cpp" "${_im}/imgui_widgets.cpp"
    "${_im}/misc/cpp/imgui_stdlib.cpp")
  target_include_directories(verji_dep_imgui_lib SYSTEM PUBLIC "${_im}" "${_im}/misc/cpp")
  target_compile_definitions(verji_dep_imgui_lib PUBLIC
    IMGUI_DISABLE_OBSOLETE_FUNCTIONS
    IMGUI_DISABLE_DEMO_WINDOWS
    IMGUI_DISABLE_METRICS_WINDOW
    IMGUI_DISABLE_FILE_FUNCTIONS    # no filesystem in the widget; ini saving is off anyway
    IMGUI_DISABLE_DEFAULT_FONT)     # our patch: ProggyClean left out (the widget has its own fonts)
  add_library(verji_dep_imgui INTERFACE)
  target_link_libraries(verji_dep_imgui INTERFACE verji_dep_imgui_lib)

  # GLFW's backend only: the widget draws with its own renderer (src/platform/web/gl_renderer.h),
  # which never reads GL state back. WebGL 2 alone; no extension is enabled behind our back (each
  # getExtension costs start-up time, and none is used), GL errors are not tracked (code size), and
  # the context is the one the boot script created while the wasm was loading.
  add_library(verji_dep_imgui_web STATIC "${_im}/backends/imgui_impl_glfw.cpp")
  target_include_directories(verji_dep_imgui_web SYSTEM PUBLIC "${_im}/backends")
  target_link_options(verji_dep_imgui_web INTERFACE
    -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_TRACK_ERRORS=0 -sGL_PREINITIALIZED_CONTEXT=1)
  target_link_libraries(verji_dep_imgui_web PUBLIC verji_dep_imgui_lib)
  add_library(verji::imgui_web ALIAS verji_dep_imgui_web)
endif()

add_library(verji::json ALIAS verji_dep_json)
add_library(verji::catch2 ALIAS verji_dep_catch2)
add_library(verji::phonenumber ALIAS verji_dep_phonenumber)
add_library(verji::imgui ALIAS verji_dep_imgui)
