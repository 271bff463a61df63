# The sources of each layer, read from docs/layers.json: the same map that
# scripts/check_layers checks every #include against, so a file is compiled
# into the target of the layer whose includes it is held to. A file belongs to
# the first layer with a matching pattern (a `*` never crosses a `/`), exactly
# as in the check.
#
#   defen_layer_sources(<layer> <var>)   sets <var> to the layer's .cpp files
#
# Adding a file to a folder a pattern already covers needs no edit anywhere;
# a new folder needs its pattern in docs/layers.json (and the check says so).
set(DEFEN_LAYER_MAP ${PROJECT_SOURCE_DIR}/docs/layers.json)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${DEFEN_LAYER_MAP})
file(READ ${DEFEN_LAYER_MAP} DEFEN_LAYER_JSON)

set(DEFEN_LAYERS_CLAIMED "")
string(JSON DEFEN_LAYER_COUNT LENGTH "${DEFEN_LAYER_JSON}" layers)
math(EXPR DEFEN_LAST_LAYER "${DEFEN_LAYER_COUNT} - 1")
foreach(i RANGE ${DEFEN_LAST_LAYER})
  string(JSON layer GET "${DEFEN_LAYER_JSON}" layers ${i} name)
  string(JSON pattern_count LENGTH "${DEFEN_LAYER_JSON}" layers ${i} files)
  math(EXPR last_pattern "${pattern_count} - 1")
  set(sources "")
  foreach(j RANGE ${last_pattern})
    string(JSON pattern GET "${DEFEN_LAYER_JSON}" layers ${i} files ${j})
    file(GLOB matched CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${pattern})
    list(FILTER matched INCLUDE REGEX "\\.cpp$")
    foreach(f IN LISTS matched)
      if(NOT f IN_LIST DEFEN_LAYERS_CLAIMED)
        list(APPEND sources ${f})
        list(APPEND DEFEN_LAYERS_CLAIMED ${f})
      endif()
    endforeach()
  endforeach()
  list(SORT sources)
  set(DEFEN_LAYER_SOURCES_${layer} ${sources})
endforeach()

function(defen_layer_sources layer var)
  if(NOT DEFINED DEFEN_LAYER_SOURCES_${layer})
    message(FATAL_ERROR "docs/layers.json has no layer '${layer}'")
  endif()
  set(${var} ${DEFEN_LAYER_SOURCES_${layer}} PARENT_SCOPE)
endfunction()

# A static library for one layer: its sources from the map, the repository
# root as the include root, the project's warnings.
function(defen_layer_library target layer)
  defen_layer_sources(${layer} sources)
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_options(${target} PRIVATE ${DEFEN_WARNINGS})
endfunction()
