# Build-time assets: font subsets from Debian's fonts-inter, embedded into the binary.
#
#   verji_glyph_ranges(<out-var>)         parses assets/fonts/glyph-ranges.txt into a list of
#                                         "FIRST-LAST" hex ranges
#   verji_font_subset(<out-var> <src> <name>)
#                                         subsets <src> to those ranges with fontTools (pyftsubset),
#                                         with TrueType outlines (cmake/scripts/cff_to_glyf.py)
#   verji_embed_files(<target> <symbol-prefix> NAME=FILE ...)
#                                         turns each FILE into a byte array in a generated .cpp that
#                                         is added to <target>; see include/verji/ui/embedded_assets.h

set(VERJI_GLYPH_RANGES_FILE "${PROJECT_SOURCE_DIR}/assets/fonts/glyph-ranges.txt")
set(VERJI_INTER_DIR "/usr/share/fonts/opentype/inter" CACHE PATH "Inter fonts (Debian package fonts-inter)")
set(VERJI_DEBIAN_PYTHON "/usr/bin/python3" CACHE FILEPATH
  "Debian's python3, which has python3-fonttools (a pyenv/venv python on PATH would not)")

function(verji_glyph_ranges out)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${VERJI_GLYPH_RANGES_FILE}")
  file(STRINGS "${VERJI_GLYPH_RANGES_FILE}" _lines REGEX "^[0-9A-Fa-f]+-[0-9A-Fa-f]+")
  set(_ranges "")
  foreach(_line IN LISTS _lines)
    string(REGEX MATCH "^([0-9A-Fa-f]+)-([0-9A-Fa-f]+)" _m "${_line}")
    list(APPEND _ranges "${CMAKE_MATCH_1}-${CMAKE_MATCH_2}")
  endforeach()
  set(${out} "${_ranges}" PARENT_SCOPE)
endfunction()

function(verji_font_subset out src name)
  if(NOT EXISTS "${src}")
    message(FATAL_ERROR "${src} is missing: run scripts/bootstrap (Debian package fonts-inter)")
  endif()
  execute_process(COMMAND "${VERJI_DEBIAN_PYTHON}" -c "import fontTools.subset"
                  RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${VERJI_DEBIAN_PYTHON} cannot import fontTools: run scripts/bootstrap "
                        "(Debian package python3-fonttools)")
  endif()
  verji_glyph_ranges(_ranges)
  set(_unicodes "")
  foreach(_r IN LISTS _ranges)
    list(APPEND _unicodes "U+${_r}")
  endforeach()
  list(JOIN _unicodes "," _unicodes)
  set(_out "${CMAKE_BINARY_DIR}/assets/fonts/${name}")
  # No layout tables: Dear ImGui 1.86 neither shapes nor kerns. Then the CFF outlines become
  # TrueType ones, which stb_truetype rasterises about twice as fast (cff_to_glyf.py says why).
  set(_convert "${PROJECT_SOURCE_DIR}/cmake/scripts/cff_to_glyf.py")
  add_custom_command(OUTPUT "${_out}"
    COMMAND "${VERJI_DEBIAN_PYTHON}" -m fontTools.subset "${src}"
            "--unicodes=${_unicodes}" --layout-features= --no-hinting --desubroutinize
            --drop-tables+=GSUB,GPOS,GDEF,STAT --notdef-outline "--output-file=${_out}"
    COMMAND "${VERJI_DEBIAN_PYTHON}" "${_convert}" "${_out}"
    DEPENDS "${src}" "${VERJI_GLYPH_RANGES_FILE}" "${_convert}"
    COMMENT "Subsetting ${name} from ${src}, TrueType outlines"
    VERBATIM)
  set(${out} "${_out}" PARENT_SCOPE)
endfunction()

function(verji_embed_files target prefix)
  set(_entries "")
  set(_depends "")
  foreach(_arg IN LISTS ARGN)
    string(REGEX MATCH "^([A-Za-z_][A-Za-z0-9_]*)=(.+)$" _m "${_arg}")
    if(NOT _m)
      message(FATAL_ERROR "verji_embed_files: expected NAME=FILE, got '${_arg}'")
    endif()
    list(APPEND _entries "${CMAKE_MATCH_1}=${CMAKE_MATCH_2}")
    list(APPEND _depends "${CMAKE_MATCH_2}")
  endforeach()
  set(_cpp "${CMAKE_CURRENT_BINARY_DIR}/${prefix}_embedded.cpp")
  string(REPLACE ";" "|" _packed "${_entries}")
  add_custom_command(OUTPUT "${_cpp}"
    COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${_cpp}" "-DPREFIX=${prefix}" "-DENTRIES=${_packed}"
            -P "${PROJECT_SOURCE_DIR}/cmake/scripts/embed_files.cmake"
    DEPENDS ${_depends} "${PROJECT_SOURCE_DIR}/cmake/scripts/embed_files.cmake"
    COMMENT "Embedding ${prefix} assets"
    VERBATIM)
  target_sources(${target} PRIVATE "${_cpp}")
endfunction()
