# The layer rules: what each layer of the widget may not include, enforced by the build.
#
#   core  (src/core, src/testing)   no Dear ImGui, no GL, GLFW or Emscripten
#   app   (src/app)                 no Dear ImGui, no GL, GLFW or Emscripten
#   ui    (src/ui)                  no GL, GLFW, Emscripten or ImGui's platform backends
#   web_logic (src/platform/web's plain functions): no Dear ImGui, GL, GLFW or Emscripten
#
# verji_layer_rule() makes an INTERFACE target verji::layer_<name> that puts a directory of shadow
# headers first on the include path. Each shadow header has the name of a forbidden header and holds
# only an #error naming the rule, so `#include <imgui.h>` in an app source fails to compile with a
# message that says where the code belongs. verji_assert_layer() fails the configure step when a
# target does not use its rule or links what its layer may not. The tests `layer_rule.*`
# (tests/CMakeLists.txt) prove that each rule still rejects what it should.

set(VERJI_LAYER_RULES_DIR "${CMAKE_BINARY_DIR}/_layer_rules")

# Dear ImGui itself (and its bundled stb headers).
set(_verji_imgui_headers
  imgui.h imgui_internal.h imconfig.h imgui_stdlib.h imstb_textedit.h imstb_truetype.h imstb_rectpack.h
  imgui/imgui.h imgui/imgui_internal.h imgui/imgui_stdlib.h)
# The window, the GPU and the browser: GLFW, GL/GLES/EGL, Emscripten, ImGui's backends for them.
set(_verji_platform_headers
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
  list(APPEND _verji_platform_headers "emscripten/${_h}")
endforeach()

# verji_layer_rule(<layer> FORBID <imgui|platform>... LINKS <regex> HINT <text>)
#   FORBID  the header groups the layer may not include
#   LINKS   a regular expression no direct link library of the layer may match
#   HINT    the second half of each shadow header's message: where such code belongs
function(verji_layer_rule layer)
  cmake_parse_arguments(PARSE_ARGV 1 RULE "" "LINKS;HINT" "FORBID")
  set(_dir "${VERJI_LAYER_RULES_DIR}/${layer}")
  set(_headers "")
  foreach(_group IN LISTS RULE_FORBID)
    list(APPEND _headers ${_verji_${_group}_headers})
  endforeach()
  foreach(_h IN LISTS _headers)
    set(_text "#error \"verji_${layer} must not include <${_h}>: ${RULE_HINT}\"\n")
    set(_path "${_dir}/${_h}")
    set(_old "")
    if(EXISTS "${_path}")
      file(READ "${_path}" _old)
    endif()
    if(NOT _old STREQUAL _text)
      file(WRITE "${_path}" "${_text}")
    endif()
  endforeach()
  add_library(verji_layer_${layer} INTERFACE)
  add_library(verji::layer_${layer} ALIAS verji_layer_${layer})
  target_include_directories(verji_layer_${layer} BEFORE INTERFACE "$<BUILD_INTERFACE:${_dir}>")
  set_property(GLOBAL PROPERTY VERJI_LAYER_LINKS_${layer} "${RULE_LINKS}")
endfunction()

# Fails the configure step unless `target` uses the rule of `layer` and links nothing its layer may
# not (checked on its direct link libraries; the shadow headers catch includes from anywhere else).
function(verji_assert_layer target layer)
  get_target_property(_libs ${target} LINK_LIBRARIES)
  if(NOT "verji::layer_${layer}" IN_LIST _libs)
    message(FATAL_ERROR "${target} must link verji::layer_${layer} (cmake/VerjiLayers.cmake)")
  endif()
  get_property(_forbidden GLOBAL PROPERTY VERJI_LAYER_LINKS_${layer})
  foreach(_lib IN LISTS _libs)
    if(_lib MATCHES "${_forbidden}")
      message(FATAL_ERROR "${target} is in the ${layer} layer and must not link ${_lib} (cmake/VerjiLayers.cmake)")
    endif()
  endforeach()
endfunction()

verji_layer_rule(core FORBID imgui platform LINKS "imgui|glfw|platform|verji::ui|verji::app"
  HINT "the core stays free of ImGui, GL and the browser. Put UI code in src/ui, browser code in src/platform/web.")
verji_layer_rule(app FORBID imgui platform LINKS "imgui|glfw|platform|verji::ui"
  HINT "the app sees neither ImGui nor the browser: time comes from core::Clock, the clipboard is app::Clipboard, drawing is src/ui's, the browser src/platform/web's.")
verji_layer_rule(ui FORBID platform LINKS "glfw|imgui_web|platform"
  HINT "the UI draws with Dear ImGui only: the window, GL and the browser belong in src/platform/web.")
verji_layer_rule(web_logic FORBID imgui platform LINKS "imgui|glfw|platform_web|verji::ui"
  HINT "the web platform's plain logic is tested natively: calls into Emscripten, GLFW, GL or ImGui belong in web_runner.cpp.")
