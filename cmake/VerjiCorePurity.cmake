# Keeps the core pure: no Dear ImGui, no GLFW/GL, no Emscripten.
#
# verji::core_purity is an INTERFACE target that puts a directory of shadow headers first on the
# include path. Each shadow header has the name of a forbidden header and holds only an #error, so
# `#include <imgui.h>` or `#include <emscripten/html5.h>` in a core source fails to compile with a
# message naming the rule. The test `core_purity_*` (tests/CMakeLists.txt) proves it still does.

set(VERJI_CORE_PURITY_DIR "${CMAKE_BINARY_DIR}/_core_purity")
set(_forbidden
  imgui.h imgui_internal.h imconfig.h imgui_stdlib.h imstb_textedit.h imstb_truetype.h
  imgui/imgui.h imgui/imgui_internal.h imgui/imgui_stdlib.h
  backends/imgui_impl_glfw.h backends/imgui_impl_opengl3.h imgui_impl_glfw.h imgui_impl_opengl3.h
  imgui/backends/imgui_impl_glfw.h imgui/backends/imgui_impl_opengl3.h
  GLFW/glfw3.h GL/gl.h GL/glext.h GLES2/gl2.h GLES2/gl2ext.h GLES3/gl3.h GLES3/gl32.h EGL/egl.h
  emscripten.h)

# Every public Emscripten header, taken from the toolchain itself when there is one.
set(_em_headers
  bind.h console.h em_asm.h em_js.h em_macros.h em_types.h emscripten.h eventloop.h fetch.h
  html5.h html5_webgl.h key_codes.h stack.h threading.h val.h version.h wire.h)
if(EMSCRIPTEN AND EMSCRIPTEN_SYSROOT AND EXISTS "${EMSCRIPTEN_SYSROOT}/include/emscripten")
  file(GLOB _em_headers RELATIVE "${EMSCRIPTEN_SYSROOT}/include/emscripten"
       "${EMSCRIPTEN_SYSROOT}/include/emscripten/*.h")
endif()
foreach(_h IN LISTS _em_headers)
  list(APPEND _forbidden "emscripten/${_h}")
endforeach()

foreach(_h IN LISTS _forbidden)
  set(_text "#error \"verji_core must not include <${_h}>: the core stays free of ImGui, GL and Emscripten. \
Put UI code in src/ui, host/browser code in src/app or src/platform/web.\"\n")
  set(_path "${VERJI_CORE_PURITY_DIR}/${_h}")
  if(EXISTS "${_path}")
    file(READ "${_path}" _old)
  else()
    set(_old "")
  endif()
  if(NOT _old STREQUAL _text)
    file(WRITE "${_path}" "${_text}")
  endif()
endforeach()

add_library(verji_core_purity INTERFACE)
add_library(verji::core_purity ALIAS verji_core_purity)
target_include_directories(verji_core_purity BEFORE INTERFACE "$<BUILD_INTERFACE:${VERJI_CORE_PURITY_DIR}>")

# Fails the configure step unless `target` uses the purity rule and links nothing that brings in
# ImGui, GLFW or a higher layer (checked on its direct link libraries; the shadow headers cover
# includes from anywhere else).
function(verji_assert_pure target)
  get_target_property(_libs ${target} LINK_LIBRARIES)
  if(NOT "verji::core_purity" IN_LIST _libs)
    message(FATAL_ERROR "${target} must link verji::core_purity (cmake/VerjiCorePurity.cmake)")
  endif()
  foreach(_lib IN LISTS _libs)
    if(_lib MATCHES "imgui|glfw|platform|verji::ui|verji::app")
      message(FATAL_ERROR "${target} is the pure core and must not link ${_lib}")
    endif()
  endforeach()
endfunction()
